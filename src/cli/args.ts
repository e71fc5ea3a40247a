/** Minimal, strict argument parsing: unknown options are usage errors (exit 2), never ignored. */

/** Exit codes of every command: 0 ok, 2 usage, 3 access refused, 4 reader/card/transport, 5 a check INVALID. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, ACCESS: 3, TRANSPORT: 4, INVALID: 5 } as const;

/** A mistake in the command line: reported in one line with exit code 2 (EXIT.USAGE). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One line for stderr; a damaged store's error names the latest backup and the command that restores it. */
export function describeError(e: unknown): string {
  const backup = (e as { latestBackup?: string | null })?.latestBackup;
  const hint = backup ? ` Latest backup: ${backup} — restore it with: motcua restore --from "${backup}"` : '';
  return `${(e as Error)?.message ?? String(e)}${hint}`;
}

export interface OptionSpec {
  [name: string]: { type: 'string' | 'boolean'; multiple?: boolean };
}

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export function parseArgs(argv: string[], spec: OptionSpec): { options: ParsedOptions; positionals: string[] } {
  const options: ParsedOptions = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (s.type === 'boolean') {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (s.multiple) {
      const prev = options[name];
      options[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else {
      if (options[name] !== undefined) throw new UsageError(`--${name} given twice`);
      options[name] = value;
    }
  }
  return { options, positionals };
}

export function str(o: ParsedOptions, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}

export function list(o: ParsedOptions, k: string): string[] {
  const v = o[k];
  return Array.isArray(v) ? v : [];
}
