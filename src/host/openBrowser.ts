/**
 * Opens the page in Chromium as an app window (counter) or full-screen kiosk. A fresh profile directory per launch
 * keeps no history, cache or autofill of citizens' data between sessions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.MOTCUA_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

export function chromiumArgs(url: string, kiosk: boolean, profileDir: string, extra: readonly string[] = []): string[] {
  return [
    ...extra,
    `--app=${url}`,
    ...(kiosk ? ['--kiosk', '--kiosk-printing', '--disable-pinch', '--overscroll-history-navigation=0'] : ['--window-size=1366,768']),
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-translate',
    '--disable-features=Translate,AutofillServerCommunication,PasswordManagerOnboarding',
    '--password-store=basic',
  ];
}

export function openChromium(url: string, kiosk: boolean, extraArgs: readonly string[] = []): ChildProcess | null {
  const bin = findChromium();
  if (!bin) return null;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'motcua-chromium-'));
  const child = spawn(bin, chromiumArgs(url, kiosk, profile, extraArgs), { stdio: 'ignore', detached: false });
  child.on('error', () => undefined);
  return child;
}
