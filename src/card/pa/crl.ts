/**
 * Certificate revocation lists (RFC 5280 §5) as published by CSCAs (ICAO 9303-12 §7.1.4): used to reject
 * revoked Document Signer certificates during Passive Authentication. Split with the wire-level TLV decoder, as
 * certificates are: asn1js costs ~0.25 ms per OBJECT IDENTIFIER, and a CRL carries one per revoked entry that
 * has extensions, so its time would grow with the list; only the small AlgorithmIdentifier goes through asn1js.
 */
import { decodeAll, decodeOne, TlvError, type Tlv } from '../asn1/tlv';
import { decodeOid, parseDer, toHex } from '../asn1/der';
import { parseName, parseTime, type Certificate, type DistinguishedName } from './certificates';
import { algorithmFromAsn1, verifySignature, type AlgorithmIdentifier } from './signature';
import type { PublicKey } from '../lds/publicKey';
import { OID } from '../oids';

export interface Crl {
  der: Uint8Array;
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  /** Serial numbers (upper-case hex, no leading zeros) of revoked certificates. */
  revokedSerials: Set<string>;
  authorityKeyIdentifier: Uint8Array | undefined;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
}

function encoding(parent: Uint8Array, t: Tlv): Uint8Array {
  return parent.subarray(t.offset, t.offset + t.length);
}

function serialHex(value: Uint8Array): string {
  let i = 0;
  while (i < value.length - 1 && value[i] === 0) i++;
  return toHex(value.subarray(i));
}

/** AuthorityKeyIdentifier keyIdentifier [0] from crlExtensions [0] EXPLICIT Extensions (RFC 5280 §5.2.1). */
function authorityKeyIdentifierOf(extensions: Tlv): Uint8Array | undefined {
  for (const ext of decodeAll(decodeOne(extensions.value).value)) {
    const parts = decodeAll(ext.value);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id?.tag !== 0x06 || value?.tag !== 0x04 || decodeOid(id.value) !== OID.EXT_AUTHORITY_KEY_ID) continue;
    return decodeAll(decodeOne(value.value).value).find((t) => t.tag === 0x80)?.value;
  }
  return undefined;
}

/** TBSCertList ::= SEQUENCE { version?, signature, issuer, thisUpdate, nextUpdate?, revokedCertificates?, [0] crlExtensions? } */
export function parseCrl(der: Uint8Array): Crl {
  const root = decodeOne(der);
  if (root.tag !== 0x30 || root.length !== der.length) throw new TlvError('CRL: not a single DER SEQUENCE');
  const [tbsTlv, algTlv, sigTlv] = decodeAll(root.value);
  if (tbsTlv?.tag !== 0x30 || algTlv?.tag !== 0x30 || sigTlv?.tag !== 0x03 || sigTlv.value.length < 1) {
    throw new TlvError('CRL: expected tbsCertList, signatureAlgorithm, signature');
  }
  const f = decodeAll(tbsTlv.value);
  const i = f[0]?.tag === 0x02 ? 1 : 0; // version v2
  const issuerTlv = f[i + 1];
  if (issuerTlv?.tag !== 0x30) throw new TlvError('CRL: missing issuer Name');
  const issuer = parseName(encoding(tbsTlv.value, issuerTlv));
  const thisUpdate = parseTime(f[i + 2], 'CRL thisUpdate');
  let j = i + 3;
  let nextUpdate: Date | undefined;
  if (f[j]?.tag === 0x17 || f[j]?.tag === 0x18) nextUpdate = parseTime(f[j++], 'CRL nextUpdate');
  const revokedSerials = new Set<string>();
  let authorityKeyIdentifier: Uint8Array | undefined;
  for (; j < f.length; j++) {
    const n = f[j]!;
    if (n.tag === 0x30) {
      for (const entry of decodeAll(n.value)) {
        const serial = decodeAll(entry.value)[0];
        if (serial?.tag !== 0x02) throw new TlvError('CRL: revoked entry without a serial number');
        revokedSerials.add(serialHex(serial.value));
      }
    } else if (n.tag === 0xa0) {
      authorityKeyIdentifier = authorityKeyIdentifierOf(n);
    }
  }
  return {
    der, issuer, thisUpdate, nextUpdate, revokedSerials, authorityKeyIdentifier, tbs: encoding(root.value, tbsTlv),
    signatureAlgorithm: algorithmFromAsn1(parseDer(encoding(root.value, algTlv), 'CRL signatureAlgorithm'), 'CRL signatureAlgorithm'),
    signature: sigTlv.value.subarray(1),
  };
}

export function verifyCrl(crl: Crl, issuerKey: PublicKey): boolean {
  try {
    return verifySignature({ algorithm: crl.signatureAlgorithm, publicKey: issuerKey, data: crl.tbs, signature: crl.signature });
  } catch {
    return false;
  }
}

export function isListed(crl: Crl, cert: Certificate): boolean {
  return crl.issuer.key === cert.issuer.key && crl.revokedSerials.has(cert.serialHex);
}
