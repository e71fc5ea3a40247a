/**
 * Connections to the centre's PostgreSQL. TLS is mandatory: the device verifies the server against the CA (or the
 * server certificate) recorded at enrolment and its name (sslmode=verify-full); there is no plain-text fallback,
 * so a server or a man in the middle that answers the SSL request with "no" is refused.
 */
import type { ClientConfig } from 'pg';

export interface ServerAddress {
  host: string;
  port: number;
  database: string;
}

/** `host:port/dbname` (the form `motcua device join --server` takes); IPv6 hosts in brackets. */
export function parseServerAddress(text: string): ServerAddress {
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/([A-Za-z0-9_.-]+)$/.exec(text.trim());
  if (!m) throw new Error(`server address must look like host:port/dbname, got "${text}"`);
  const port = m[2] ? Number(m[2]) : 5432;
  if (port < 1 || port > 65535) throw new Error(`server port ${port} is out of range`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port, database: m[3]! };
}

export function formatServerAddress(a: ServerAddress): string {
  return `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}/${a.database}`;
}

export interface DeviceCredentials {
  server: ServerAddress;
  user: string;
  password: string;
  /** PEM of the CA (or self-signed server certificate) that must have signed the server's certificate. */
  caPem: string;
}

const CONNECT_TIMEOUT_MS = 5_000;

export function deviceClientConfig(c: DeviceCredentials): ClientConfig {
  if (!c.caPem.includes('BEGIN CERTIFICATE')) throw new Error('no CA certificate recorded for the centre server; TLS cannot be verified');
  return {
    host: c.server.host,
    port: c.server.port,
    database: c.server.database,
    user: c.user,
    password: c.password,
    // verify-full: chain to the recorded CA and the host name (or IP) in the certificate (Node's default check).
    ssl: { ca: c.caPem, rejectUnauthorized: true },
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'motcua-device',
  };
}

/**
 * Admin connections (`motcua centre …`) use the URL as given, but over TCP only with certificate verification:
 * sslmode must be verify-full (or verify-ca), and a Unix socket (a local administrator on the server) is allowed.
 */
export function adminClientConfig(url: string): ClientConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('the admin URL must look like postgres://user:password@host:port/dbname?sslmode=verify-full&sslrootcert=<CA file>');
  }
  const mode = u.searchParams.get('sslmode');
  const socket = !u.hostname || (u.searchParams.get('host') ?? '').startsWith('/');
  if (!socket && mode !== 'verify-full' && mode !== 'verify-ca') {
    throw new Error('the admin URL must use TLS with a verified server: add ?sslmode=verify-full&sslrootcert=<CA file>');
  }
  return { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'motcua-admin' };
}

/** Errors that mean "the server cannot be reached now" (try again later), as opposed to a refusal. */
export function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code)) return true;
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up), 08xxx connection exceptions.
  if (/^(57P0[123]|08...)$/.test(code)) return true;
  return /Connection terminated|timeout expired|connection timeout|Client has encountered a connection error|socket hang up/i.test(err?.message ?? '');
}

/** Errors that mean "this device is not allowed": revoked or unknown role, wrong password. */
export function isRefused(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return code === '28P01' || code === '28000' || code === '42501' || code === 'MK010';
}

/** TLS could not be set up or verified (wrong CA, wrong name, or a server without TLS). */
export function isTlsFailure(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    /^(ERR_TLS_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|CERT_)/.test(err?.code ?? '') ||
    /does not support SSL|certificate|Hostname\/IP does not match/i.test(err?.message ?? '')
  );
}
