/**
 * The PostgreSQL client library, loaded on first use instead of at start-up: a standalone PC (the default: no
 * centre configured) never initialises it, and the bundled host stays as small as before the centre existed.
 * Everything on a device that talks to the centre server gets `pg` from here; types come from `import type`.
 */
async function importPg() {
  // pg is CommonJS: Node's ESM loader (and esbuild's bundle) put module.exports on `default`.
  return (await import('pg')).default;
}

export type Pg = Awaited<ReturnType<typeof importPg>>;

let loading: Promise<Pg> | null = null;

export function loadPg(): Promise<Pg> {
  loading ??= importPg();
  return loading;
}
