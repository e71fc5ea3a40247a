/**
 * The one base class for "the bytes are malformed": every parser of data a card (or a trust file) supplies throws
 * a subclass of it — TlvError (wire-level TLV), Asn1Error (DER through asn1js), MrzError, ImageError — and nothing
 * else, so callers can tell bad input from a bug in one `instanceof` (ICAO 9303-10 data is attacker-controlled:
 * a cloned chip writes every byte).
 */
export class CardDataError extends Error {
  override readonly name: string = 'CardDataError';
}
