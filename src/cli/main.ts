/**
 * `motcua` command-line entry. Each command lives in its own module and is loaded lazily so that
 * `motcua read` does not pay for React/SQLite and `motcua forms list` does not load PC/SC.
 * Exit codes and UsageError live in ./args (the commands import them from there, so no command imports this entry).
 * A new command is one line in `commands` below plus its module.
 */
import { describeError, EXIT, UsageError } from './args';

const HELP = `motcua — CCCD reader and one-stop dossier kiosk

Usage:
  motcua read [--reader <substring>] [--can <6 digits> | --id <12 digits> | --mrz <TD1> | --bac <docNo>,<YYMMDD>,<YYMMDD>]
              [--trust <file|dir>]... [--json] [--photo <out>] [--timeout <seconds>]
  motcua serve [--port <p>] [--no-open] [--demo] [--data <dir>]
  motcua start                       Electron when its binary is present, otherwise the browser host
  motcua card:sim --port <35963|35964> [--profile <sample-number|file.json|raw-dir>] [--fault <spec>]...
  motcua forms list --json
  motcua dossier create --form <id> --identity <file|-> [--identity2 <file>] [--db <path>] --json
  motcua dossier list|show|export|purge ...   motcua backup [--db <path>] [--to <dir>]
  motcua restore [--db <path>] [--from <backup>]   replace a damaged store with a backup (the damaged file is kept)
  motcua centre init|enroll|devices|revoke --url <admin postgres URL> ...   the commune centre server
  motcua device join --server <host:port/db> --code <code> [--ca <PEM>] --db <file>
  motcua sync --db <file> [--once] [--json]
  motcua display-link [--db <file>] [--port <p>] [--revoke]   a new hall-display link (the old one stops working)
`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  read: async () => (await import('./read')).readCommand,
  serve: async () => (await import('./serve')).serveCommand,
  start: async () => (await import('./start')).startCommand,
  'card:sim': async () => (await import('./cardSim')).cardSimCommand,
  forms: async () => (await import('./forms')).formsCommand,
  dossier: async () => (await import('./dossier')).dossierCommand,
  backup: async () => (await import('./dossier')).backupCommand,
  restore: async () => (await import('./dossier')).restoreCommand,
  centre: async () => (await import('./centre')).centreCommand,
  device: async () => (await import('./device')).deviceCommand,
  sync: async () => (await import('./sync')).syncCommand,
  'display-link': async () => (await import('./displayLink')).displayLinkCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`motcua: unknown command '${name}'\n${HELP}`);
    return EXIT.USAGE;
  }
  try {
    const cmd = await load();
    return await cmd(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`motcua ${name}: ${e.message}\n`);
      return EXIT.USAGE;
    }
    // Never a stack trace for users; one clear English line.
    process.stderr.write(`motcua ${name}: ${describeError(e)}\n`);
    return EXIT.FAILURE;
  }
}
