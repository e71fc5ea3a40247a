/**
 * A throw-away test PKI built with the openssl CLI (present on this machine and in CI): a CSCA on brainpoolP256r1
 * with EXPLICIT domain parameters, a P-256 Document Signer, a CRL revoking the DS, and SODs over synthetic DGs
 * signed by `openssl cms` exactly as environment.md §5 did.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { encode } from '../../../src/card/asn1/tlv';

export interface TestPki {
  dir: string;
  cscaPem: string;
  cscaDer: Uint8Array;
  dsPem: string;
  dsDer: Uint8Array;
  crlDer: Uint8Array;
  /** Build a 77-wrapped SOD over the given DGs (SHA-256). */
  makeSod(dataGroups: Map<number, Uint8Array>, opts?: { noCerts?: boolean }): Uint8Array;
  /** Remove the temporary folder. */
  dispose(): void;
}

function run(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const SHA256_ALG = Uint8Array.from([0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00]);

/** LDSSecurityObject (ICAO 9303-10 §4.6.2.2), version 0, SHA-256. */
export function ldsSecurityObject(dataGroups: Map<number, Uint8Array>): Uint8Array {
  const hashes = [...dataGroups.entries()].map(([n, bytes]) =>
    encode(0x30, [encode(0x02, Uint8Array.of(n)), encode(0x04, new Uint8Array(createHash('sha256').update(bytes).digest()))]),
  );
  return encode(0x30, [encode(0x02, Uint8Array.of(0)), SHA256_ALG, encode(0x30, hashes)]);
}

export function buildTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-pki-'));
  writeFileSync(path.join(dir, 'ca.cnf'), [
    '[ ca ]', 'default_ca = CA_default', '[ CA_default ]', 'database = index.txt', 'crlnumber = crlnumber',
    'default_md = sha256', 'default_crl_days = 30', '[ ds_ext ]', 'keyUsage = critical, digitalSignature',
    'authorityKeyIdentifier = keyid', 'subjectKeyIdentifier = hash', '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'crlnumber'), '01\n');
  run(dir, ['ecparam', '-name', 'brainpoolP256r1', '-param_enc', 'explicit', '-genkey', '-out', 'csca.key']);
  run(dir, ['req', '-new', '-x509', '-key', 'csca.key', '-subj', '/C=VN/O=Motcua Test/CN=Test CSCA', '-days', '3650', '-sha256',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'basicConstraints=critical,CA:TRUE', '-out', 'csca.pem']);
  run(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-out', 'ds.key']);
  run(dir, ['req', '-new', '-key', 'ds.key', '-subj', '/C=VN/O=Motcua Test/CN=Test DS', '-out', 'ds.csr']);
  run(dir, ['x509', '-req', '-in', 'ds.csr', '-CA', 'csca.pem', '-CAkey', 'csca.key', '-set_serial', '0x1234', '-days', '3650',
    '-sha256', '-extfile', 'ca.cnf', '-extensions', 'ds_ext', '-out', 'ds.pem']);
  run(dir, ['x509', '-in', 'csca.pem', '-outform', 'DER', '-out', 'csca.der']);
  run(dir, ['x509', '-in', 'ds.pem', '-outform', 'DER', '-out', 'ds.der']);
  run(dir, ['ca', '-config', 'ca.cnf', '-keyfile', 'csca.key', '-cert', 'csca.pem', '-revoke', 'ds.pem']);
  run(dir, ['ca', '-config', 'ca.cnf', '-keyfile', 'csca.key', '-cert', 'csca.pem', '-gencrl', '-out', 'crl.pem']);
  run(dir, ['crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der']);
  const read = (f: string) => new Uint8Array(readFileSync(path.join(dir, f)));
  let counter = 0;
  return {
    dir,
    cscaPem: readFileSync(path.join(dir, 'csca.pem'), 'utf8'),
    cscaDer: read('csca.der'),
    dsPem: readFileSync(path.join(dir, 'ds.pem'), 'utf8'),
    dsDer: read('ds.der'),
    crlDer: read('crl.der'),
    makeSod(dataGroups, opts = {}) {
      const n = counter++;
      writeFileSync(path.join(dir, `lso${n}.der`), ldsSecurityObject(dataGroups));
      run(dir, ['cms', '-sign', '-in', `lso${n}.der`, '-binary', '-nodetach', '-md', 'sha256', '-econtent_type', '2.23.136.1.1.1',
        '-signer', 'ds.pem', '-inkey', 'ds.key', '-outform', 'DER', '-out', `sod${n}.der`, ...(opts.noCerts ? ['-nocerts'] : [])]);
      return encode(0x77, read(`sod${n}.der`));
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
