/**
 * Every object identifier the card stack (and the simulated card that mirrors it) names, in one place.
 * Tables derived from them (PACE/CA parameter sets, signature and hash algorithms) live with the code that uses them.
 */

/** bsi-de protocols arc 0.4.0.127.0.7.2.2 (BSI TR-03110-3 Appendix A.1; ICAO 9303-11 §9.2). */
const BSI_PROTOCOLS = '0.4.0.127.0.7.2.2';
/** BSI TR-03111 §5.2.1 ecdsa-plain-signatures (r‖s), used by ActiveAuthenticationInfo. */
const ECDSA_PLAIN = '0.4.0.127.0.7.1.1.4.1';

export const OID = {
  // ---- eMRTD protocols (ICAO 9303-11 §9.2)
  BSI_PROTOCOLS,
  /** id-PK: ChipAuthenticationPublicKeyInfo (§9.2.6). */
  PK: `${BSI_PROTOCOLS}.1`,
  PK_DH: `${BSI_PROTOCOLS}.1.1`,
  PK_ECDH: `${BSI_PROTOCOLS}.1.2`,
  /** id-TA: TerminalAuthenticationInfo (§9.2.8). */
  TA: `${BSI_PROTOCOLS}.2`,
  /** id-CA: ChipAuthenticationInfo (§9.2.5). */
  CA: `${BSI_PROTOCOLS}.3`,
  CA_DH: `${BSI_PROTOCOLS}.3.1`,
  CA_ECDH: `${BSI_PROTOCOLS}.3.2`,
  CA_ECDH_3DES: `${BSI_PROTOCOLS}.3.2.1`,
  CA_ECDH_AES_128: `${BSI_PROTOCOLS}.3.2.2`,
  /** id-PACE: PACEInfo (§9.2.1). */
  PACE: `${BSI_PROTOCOLS}.4`,
  /** id-AA: ActiveAuthenticationInfo (§9.2.4). */
  AA: '2.23.136.1.1.5',
  /** id-icao-mrtd-security-ldsSecurityObject (ICAO 9303-10 §4.6.2.2). */
  LDS_SECURITY_OBJECT: '2.23.136.1.1.1',
  /** id-icao-cscaMasterList (ICAO 9303-12 §9). */
  CSCA_MASTER_LIST: '2.23.136.1.1.2',
  /** ISO/IEC 10646 UTF-8 level-1 (ISO/IEC 8824-1 Annex): the text encoding CCCD's DG13 declares (cccd.md §4.3). */
  DG13_UTF8: '1.0.10646.1.0.8',

  // ---- signatures (RFC 3279, RFC 4055, RFC 5758, BSI TR-03111)
  ECDSA_PLAIN_SHA1: `${ECDSA_PLAIN}.1`,
  ECDSA_PLAIN_SHA224: `${ECDSA_PLAIN}.2`,
  ECDSA_PLAIN_SHA256: `${ECDSA_PLAIN}.3`,
  ECDSA_PLAIN_SHA384: `${ECDSA_PLAIN}.4`,
  ECDSA_PLAIN_SHA512: `${ECDSA_PLAIN}.5`,
  ECDSA_WITH_SHA1: '1.2.840.10045.4.1',
  ECDSA_WITH_SHA224: '1.2.840.10045.4.3.1',
  ECDSA_WITH_SHA256: '1.2.840.10045.4.3.2',
  ECDSA_WITH_SHA384: '1.2.840.10045.4.3.3',
  ECDSA_WITH_SHA512: '1.2.840.10045.4.3.4',
  RSA_ENCRYPTION: '1.2.840.113549.1.1.1',
  SHA1_WITH_RSA: '1.2.840.113549.1.1.5',
  MGF1: '1.2.840.113549.1.1.8',
  RSASSA_PSS: '1.2.840.113549.1.1.10',
  SHA256_WITH_RSA: '1.2.840.113549.1.1.11',
  SHA384_WITH_RSA: '1.2.840.113549.1.1.12',
  SHA512_WITH_RSA: '1.2.840.113549.1.1.13',
  SHA224_WITH_RSA: '1.2.840.113549.1.1.14',

  // ---- hashes (NIST CSOR, OIW)
  SHA1: '1.3.14.3.2.26',
  SHA256: '2.16.840.1.101.3.4.2.1',
  SHA384: '2.16.840.1.101.3.4.2.2',
  SHA512: '2.16.840.1.101.3.4.2.3',
  SHA224: '2.16.840.1.101.3.4.2.4',

  // ---- public keys and curves (RFC 3279, SEC 2, RFC 5639)
  EC_PUBLIC_KEY: '1.2.840.10045.2.1',
  PRIME_FIELD: '1.2.840.10045.1.1',
  DH_PUBLIC_NUMBER: '1.2.840.10046.2.1',
  DH_KEY_AGREEMENT: '1.2.840.113549.1.3.1',
  SECP224R1: '1.3.132.0.33',
  SECP256R1: '1.2.840.10045.3.1.7',
  SECP384R1: '1.3.132.0.34',
  SECP521R1: '1.3.132.0.35',
  BRAINPOOL_P224R1: '1.3.36.3.3.2.8.1.1.5',
  BRAINPOOL_P256R1: '1.3.36.3.3.2.8.1.1.7',
  BRAINPOOL_P384R1: '1.3.36.3.3.2.8.1.1.11',
  BRAINPOOL_P512R1: '1.3.36.3.3.2.8.1.1.13',

  // ---- CMS (RFC 5652 §5, §11)
  SIGNED_DATA: '1.2.840.113549.1.7.2',
  CONTENT_TYPE: '1.2.840.113549.1.9.3',
  MESSAGE_DIGEST: '1.2.840.113549.1.9.4',
  SIGNING_TIME: '1.2.840.113549.1.9.5',

  // ---- X.509 names and extensions (RFC 5280 §4.1.2.4, §4.2)
  AT_COUNTRY: '2.5.4.6',
  AT_ORGANIZATION: '2.5.4.10',
  AT_ORGANIZATIONAL_UNIT: '2.5.4.11',
  AT_COMMON_NAME: '2.5.4.3',
  AT_SERIAL_NUMBER: '2.5.4.5',
  AT_LOCALITY: '2.5.4.7',
  AT_STATE: '2.5.4.8',
  AT_SURNAME: '2.5.4.4',
  AT_GIVEN_NAME: '2.5.4.42',
  AT_TITLE: '2.5.4.12',
  AT_EMAIL: '1.2.840.113549.1.9.1',
  AT_DOMAIN_COMPONENT: '0.9.2342.19200300.100.1.25',
  AT_ORGANIZATION_IDENTIFIER: '2.5.4.97',
  EXT_SUBJECT_KEY_ID: '2.5.29.14',
  EXT_KEY_USAGE: '2.5.29.15',
  EXT_PRIVATE_KEY_USAGE_PERIOD: '2.5.29.16',
  EXT_BASIC_CONSTRAINTS: '2.5.29.19',
  EXT_AUTHORITY_KEY_ID: '2.5.29.35',
} as const;
