/**
 * A throwaway PostgreSQL 15 cluster for the centre tests and the sync benchmark.
 *
 * CI runs as root and PostgreSQL refuses to run as root, so initdb/pg_ctl run as the `postgres` user
 * (`runuser -u postgres --`) on a temp folder that user owns. TLS is always on (`ssl = on`, a CA and a server
 * certificate for 127.0.0.1/localhost made with `openssl`), and pg_hba refuses every non-TLS TCP connection, so a
 * plain-text client is refused by the server as well as by our own client.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const PG_BIN = process.env.MOTCUA_PG_BIN ?? findPgBin();

function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => Number(v) >= 15).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL 15+ is not installed (apt-get install postgresql; scripts/setup.sh does it)');
  return path.join(root, versions[0]!, 'bin');
}

export interface PgCluster {
  host: string;
  port: number;
  /** Folder of the cluster; removed by destroy(). */
  dir: string;
  /** The CA that signed the server certificate (PEM file), for `--ca` and `sslrootcert`. */
  caFile: string;
  superuser: string;
  password: string;
  /** Admin URL of a database (verify-full against the CA), as `motcua centre init --url` takes it. */
  adminUrl(db?: string): string;
  createDatabase(name: string): void;
  /** Runs a pg binary (pg_dump, psql) as the postgres user against this cluster; returns stdout. */
  run(bin: string, args: string[]): string;
  start(): void;
  /** Fast shutdown (clients are disconnected); `immediate` is a crash-like stop. */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[], opts: { input?: string } = {}): string {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', input: opts.input, cwd: '/', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

function makeCertificates(dir: string): void {
  const ossl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ossl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=Motcua test centre CA', '-keyout', 'ca.key', '-out', 'ca.pem']);
  ossl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr']);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  ossl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.crt']);
}

export async function startPgCluster(): Promise<PgCluster> {
  // /tmp is world-traversable; the folder is chowned so the postgres user can own its data directory.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const tls = path.join(dir, 'tls');
  fs.mkdirSync(tls);
  makeCertificates(tls);
  const password = randomBytes(12).toString('hex');
  fs.writeFileSync(path.join(dir, 'pwfile'), password + '\n');
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(path.join(tls, 'server.key'), 0o600);
  fs.chmodSync(path.join(tls, 'ca.pem'), 0o644);
  asPostgres(path.join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', path.join(dir, 'pwfile'), '-A', 'scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  fs.rmSync(path.join(dir, 'pwfile'));
  const port = await freePort();
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `ssl = on`,
      `ssl_cert_file = '${path.join(tls, 'server.crt')}'`,
      `ssl_key_file = '${path.join(tls, 'server.key')}'`,
      `max_connections = 100`,
      `fsync = off`, // a throwaway test cluster; durability across OS crashes is not what the tests check
      `log_min_messages = warning`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    ['local all postgres scram-sha-256', 'hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all all 0.0.0.0/0 reject', ''].join('\n'),
  );
  const log = path.join(dir, 'server.log');
  const pgCtl = (args: string[]) => asPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', log, ...args]);
  const cluster: PgCluster = {
    host: '127.0.0.1',
    port,
    dir,
    caFile: path.join(tls, 'ca.pem'),
    superuser: 'postgres',
    password,
    adminUrl: (db = 'postgres') =>
      `postgres://postgres:${password}@127.0.0.1:${port}/${db}?sslmode=verify-full&sslrootcert=${encodeURIComponent(path.join(tls, 'ca.pem'))}`,
    createDatabase(name) {
      cluster.run('createdb', [name]);
    },
    run(bin, args) {
      const env = `PGPASSWORD=${password}`;
      const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      const argv = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...args];
      const r = asRoot
        ? spawnSync('runuser', ['-u', 'postgres', '--', 'env', env, 'PGSSLMODE=verify-full', `PGSSLROOTCERT=${cluster.caFile}`, path.join(PG_BIN, bin), ...argv], { encoding: 'utf8', cwd: '/', maxBuffer: 1 << 28 })
        : spawnSync(path.join(PG_BIN, bin), argv, { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password, PGSSLMODE: 'verify-full', PGSSLROOTCERT: cluster.caFile }, maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(`${bin} failed (${r.status}): ${r.stderr}`);
      return r.stdout;
    },
    start() {
      pgCtl(['-w', '-t', '30', 'start']);
    },
    stop(mode = 'fast') {
      pgCtl(['-w', '-t', '30', '-m', mode, 'stop']);
    },
    destroy() {
      try {
        pgCtl(['-w', '-t', '30', '-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
