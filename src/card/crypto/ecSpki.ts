/**
 * EC SubjectPublicKeyInfo (RFC 5480) with named or explicit (X9.62 ECParameters) domain parameters, mapped to the
 * registry in ec.ts. DG15 (Active Authentication) keys of real chips often carry explicit brainpool parameters,
 * which node:crypto cannot import (environment.md §3.3), so the SPKI is taken apart with asn1js.
 */
import * as asn1js from 'asn1js';
import { bytesToBigInt, curveByOid, identifyCurve, allCurves, type NamedCurve } from './ec';
import { OID } from '../oids';


export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';
}

function children(b: asn1js.AsnType, what: string): asn1js.AsnType[] {
  if (!(b instanceof asn1js.Sequence)) throw new KeyFormatError(`EC key: ${what} is not a SEQUENCE`);
  return b.valueBlock.value as asn1js.AsnType[];
}

function bytesOf(b: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (b instanceof asn1js.OctetString || b instanceof asn1js.Integer || b instanceof asn1js.BitString) {
    return Uint8Array.from(b.valueBlock.valueHexView);
  }
  throw new KeyFormatError(`EC key: ${what} missing or of the wrong type`);
}

/** Algorithm OID and the raw parameters/key of an SPKI. */
export function parseSpki(der: Uint8Array): { algorithm: string; parameters: asn1js.AsnType | undefined; subjectPublicKey: Uint8Array } {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new KeyFormatError(`SPKI: not valid BER (${parsed.result.error})`);
  const [algId, key] = children(parsed.result, 'SubjectPublicKeyInfo');
  const [oid, parameters] = children(algId as asn1js.AsnType, 'AlgorithmIdentifier');
  if (!(oid instanceof asn1js.ObjectIdentifier)) throw new KeyFormatError('SPKI: algorithm is not an OID');
  if (!(key instanceof asn1js.BitString)) throw new KeyFormatError('SPKI: subjectPublicKey is not a BIT STRING');
  return { algorithm: oid.valueBlock.toString(), parameters, subjectPublicKey: Uint8Array.from(key.valueBlock.valueHexView) };
}

/** Resolve named (OID) or explicit (ECParameters SEQUENCE) domain parameters to a registered curve. */
export function curveFromParameters(parameters: asn1js.AsnType | undefined): NamedCurve {
  if (parameters instanceof asn1js.ObjectIdentifier) {
    const oid = parameters.valueBlock.toString();
    const c = curveByOid(oid);
    if (!c) throw new KeyFormatError(`EC key: unsupported named curve ${oid}`);
    return c;
  }
  // ECParameters ::= SEQUENCE { version, fieldID {prime-field, p}, curve {a, b, seed?}, base, order, cofactor? }
  const [, fieldId, curve, base, order, cofactor] = children(parameters as asn1js.AsnType, 'ECParameters');
  const [fieldType, prime] = children(fieldId as asn1js.AsnType, 'FieldID');
  if (!(fieldType instanceof asn1js.ObjectIdentifier) || fieldType.valueBlock.toString() !== OID.PRIME_FIELD) {
    throw new KeyFormatError('EC key: only prime-field curves are supported');
  }
  const [a, b] = children(curve as asn1js.AsnType, 'Curve');
  const p = bytesToBigInt(bytesOf(prime, 'prime p'));
  const g = bytesOf(base, 'base point');
  let gx: bigint;
  let gy: bigint;
  if (g[0] === 0x04) {
    const size = (g.length - 1) / 2;
    gx = bytesToBigInt(g.subarray(1, 1 + size));
    gy = bytesToBigInt(g.subarray(1 + size));
  } else {
    // Compressed base point: decompress with the candidate curve that has the same field.
    const candidate = allCurves().find((c) => c.ecdsa.Point.CURVE().p === p);
    if (!candidate) throw new KeyFormatError('EC key: explicit parameters match no supported curve');
    const pt = candidate.ecdsa.Point.fromBytes(g);
    gx = pt.x;
    gy = pt.y;
  }
  const found = identifyCurve({
    p,
    a: bytesToBigInt(bytesOf(a, 'coefficient a')),
    b: bytesToBigInt(bytesOf(b, 'coefficient b')),
    gx,
    gy,
    n: bytesToBigInt(bytesOf(order, 'order n')),
    ...(cofactor ? { h: bytesToBigInt(bytesOf(cofactor, 'cofactor')) } : {}),
  });
  if (!found) throw new KeyFormatError('EC key: explicit parameters match no supported curve');
  return found;
}

/** Parse an id-ecPublicKey SPKI into its curve and uncompressed public point. */
export function parseEcSpki(der: Uint8Array): { curve: NamedCurve; publicPoint: Uint8Array } {
  const spki = parseSpki(der);
  if (spki.algorithm !== OID.EC_PUBLIC_KEY) throw new KeyFormatError(`EC key: algorithm ${spki.algorithm} is not id-ecPublicKey`);
  const curve = curveFromParameters(spki.parameters);
  const point = curve.ecdsa.Point.fromBytes(spki.subjectPublicKey);
  point.assertValidity();
  return { curve, publicPoint: Uint8Array.from(point.toBytes(false)) };
}
