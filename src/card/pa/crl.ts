/**
 * Certificate revocation lists (RFC 5280 §5) as published by CSCAs (ICAO 9303-12 §7.1.4): used to reject
 * revoked Document Signer certificates during Passive Authentication.
 */
import {
  Asn1Error, bitStringOf, children, contentOf, derOf, isContext, isUniversal, octetsOf, oidOf, parseDer, timeOf, toHex,
  unsignedBytesOf,
} from '../asn1/der';
import { parseName, type Certificate, type DistinguishedName } from './certificates';
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

export function parseCrl(der: Uint8Array): Crl {
  const [tbsNode, algNode, sigNode] = children(parseDer(der, 'CRL'));
  if (!tbsNode || !algNode || !sigNode) throw new Asn1Error('CRL: expected tbsCertList, signatureAlgorithm, signature');
  const f = children(tbsNode);
  let i = 0;
  if (f[0] && isUniversal(f[0], 2)) i = 1; // version v2
  const issuerNode = f[i + 1];
  if (!issuerNode || !isUniversal(issuerNode, 16)) throw new Asn1Error('CRL: missing issuer Name');
  const issuer = parseName(derOf(issuerNode));
  const thisUpdate = timeOf(f[i + 2]);
  if (!thisUpdate) throw new Asn1Error('CRL: missing thisUpdate');
  let j = i + 3;
  let nextUpdate: Date | undefined;
  if (f[j] && (isUniversal(f[j]!, 23) || isUniversal(f[j]!, 24))) nextUpdate = timeOf(f[j++]);
  const revokedSerials = new Set<string>();
  let authorityKeyIdentifier: Uint8Array | undefined;
  for (; j < f.length; j++) {
    const n = f[j]!;
    if (isUniversal(n, 16)) {
      for (const entry of children(n)) revokedSerials.add(toHex(unsignedBytesOf(children(entry)[0], 'CRL entry serial')));
    } else if (isContext(n, 0)) {
      const extensions = children(n)[0];
      for (const ext of extensions ? children(extensions) : []) {
        const ef = children(ext);
        if (oidOf(ef[0], 'CRL extension') !== OID.EXT_AUTHORITY_KEY_ID) continue;
        const aki = children(parseDer(octetsOf(ef[ef.length - 1], 'AKI'), 'AKI')).find((x) => isContext(x, 0));
        if (aki) authorityKeyIdentifier = contentOf(aki);
      }
    }
  }
  return {
    der, issuer, thisUpdate, nextUpdate, revokedSerials, authorityKeyIdentifier, tbs: derOf(tbsNode),
    signatureAlgorithm: algorithmFromAsn1(algNode, 'CRL signatureAlgorithm'), signature: bitStringOf(sigNode, 'CRL signature'),
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
