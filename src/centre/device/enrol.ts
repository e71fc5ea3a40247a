/**
 * `motcua device join`: log in with the one-time code (its secret is the role's first password, valid until the
 * code expires), claim the enrolment — which sets a fresh password of the device's own and uploads its public
 * key — and unseal the centre keyring the code protected. The result is the 0600 link file beside the store.
 *
 * The server is verified with the CA given by the administrator (`--ca`). Without one, the certificate chain the
 * server presents is recorded on first use (trust on first use, as SSH does) and only if its top certificate is
 * self-signed, so that later connections can still verify the full chain and the host name.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';
import { deviceClientConfig, type ServerAddress } from '../connection';
import { loadPg } from '../pgModule';
import { newDeviceKeyPair, scramVerifier, sha256Hex, unwrapWithCode } from '../crypto';
import { SERVER_ERRORS } from '../server/schema';
import { loadLink, saveLink, type CentreLink } from './link';
import { fetchDeviceNames, saveDeviceNames } from './names';

export class EnrolmentError extends Error {
  override readonly name = 'EnrolmentError';
  constructor(
    readonly reason: 'BAD_CODE' | 'CODE_USED' | 'CODE_EXPIRED' | 'REFUSED' | 'ALREADY_JOINED',
    message: string,
  ) {
    super(message);
  }
}

export function parseCode(code: string): { role: string; secret: string } {
  const m = /^([0-9a-z]{10})-([0-9A-Z]{20})$/i.exec(code.trim());
  if (!m) throw new EnrolmentError('BAD_CODE', 'the enrolment code must look like xxxxxxxxxx-XXXXXXXXXXXXXXXXXXXX');
  return { role: `motcua_d_${m[1]!.toLowerCase()}`, secret: m[2]!.toUpperCase() };
}

/** Fetches the server's certificate chain over PostgreSQL's SSLRequest and returns its top certificate (PEM). */
export async function fetchServerCa(server: ServerAddress): Promise<string> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const sock = net.connect(server.port, server.host);
    sock.setTimeout(5000, () => sock.destroy(new Error('timeout expired while fetching the server certificate')));
    sock.once('error', reject);
    sock.once('connect', () => {
      const req = Buffer.alloc(8);
      req.writeInt32BE(8, 0);
      req.writeInt32BE(80877103, 4); // SSLRequest (PostgreSQL protocol §55.2.10)
      sock.write(req);
    });
    sock.once('data', (b) => {
      if (b[0] !== 0x53) return reject(new Error('the server does not support SSL connections; refusing a plain-text link'));
      // Verification is impossible without a trust anchor: this connection only reads the chain to record it.
      const t = tls.connect({ socket: sock, rejectUnauthorized: false, servername: /^[\d.:]+$/.test(server.host) ? undefined : server.host }, () => {
        let cert = t.getPeerCertificate(true);
        while (cert.issuerCertificate && cert.issuerCertificate !== cert && cert.issuerCertificate.raw) cert = cert.issuerCertificate;
        t.destroy();
        const self = cert.subject && cert.issuer && JSON.stringify(cert.subject) === JSON.stringify(cert.issuer);
        if (!self) return reject(new Error("the server's certificate chain does not end in a self-signed CA; give the centre CA with --ca <PEM file>"));
        const b64 = cert.raw.toString('base64').replace(/.{64}/g, '$&\n');
        resolve(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`.replace(/\n\n/g, '\n'));
      });
      t.once('error', reject);
    });
  });
}

export interface JoinOptions {
  server: ServerAddress;
  code: string;
  storeFile: string;
  caPem?: string;
}

export async function joinCentre(o: JoinOptions): Promise<CentreLink> {
  if (loadLink(o.storeFile)) throw new EnrolmentError('ALREADY_JOINED', 'this store is already linked to a centre; remove centre-link.json to leave it first');
  const { role, secret } = parseCode(o.code);
  const caPem = o.caPem ?? (await fetchServerCa(o.server));
  const password = randomBytes(24).toString('base64url');
  const keys = newDeviceKeyPair();
  const pg = await loadPg();
  const client = new pg.Client(deviceClientConfig({ server: o.server, user: role, password: secret, caPem }));
  try {
    await client.connect();
  } catch (e) {
    // A used code's role has the device's own password by now; an expired one is past VALID UNTIL. PostgreSQL
    // reports both as a failed password, on purpose, so the message covers all three.
    if ((e as { code?: string }).code === '28P01') throw new EnrolmentError('REFUSED', 'the enrolment code was refused: it is wrong, already used or expired');
    throw e;
  }
  try {
    const r = await client.query<{ device_id: string; centre_id: string; kind: 'kiosk' | 'counter'; key_salt: Buffer; wrapped_keys: Buffer }>(
      'SELECT * FROM motcua.claim_enrolment($1, $2, $3)',
      [sha256Hex(secret), keys.publicKeyDer, scramVerifier(password)],
    );
    const row = r.rows[0]!;
    const keyring = JSON.parse(unwrapWithCode(secret, row.key_salt, row.wrapped_keys).toString('utf8')) as Record<string, string>;
    const link: CentreLink = {
      version: 1,
      deviceId: row.device_id,
      centreId: row.centre_id,
      kind: row.kind,
      server: o.server,
      user: role,
      password,
      caPem,
      privateKey: keys.privateKeyDer.toString('base64'),
      keys: keyring,
      joinedAt: new Date().toISOString(),
    };
    saveLink(o.storeFile, link);
    // The device knows its own name (and the others') from the start; if this fails, the first sync fetches them.
    const names = await fetchDeviceNames(client).catch(() => null);
    if (names) saveDeviceNames(o.storeFile, names);
    return link;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === SERVER_ERRORS.CODE_USED) throw new EnrolmentError('CODE_USED', 'this enrolment code was already used');
    if (code === SERVER_ERRORS.CODE_EXPIRED) throw new EnrolmentError('CODE_EXPIRED', 'this enrolment code has expired; ask the administrator for a new one');
    if (code === SERVER_ERRORS.BAD_CODE) throw new EnrolmentError('BAD_CODE', 'the enrolment code is wrong');
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function readCaFile(file: string): string {
  const pem = fs.readFileSync(file, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${file} is not a PEM certificate`);
  return pem;
}
