/**
 * Trust anchors for Passive Authentication: CSCA certificates from DER/PEM files and ICAO master lists, plus CRLs.
 * Decoded structures are kept in memory and chain results are cached per DS certificate, so a card read never
 * re-parses a master list (a read must stay within its time budget). Persistence is a caller-supplied folder of DER files.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeAll, decodeOne } from '../asn1/tlv';
import { toHex } from '../asn1/der';
import { couldHaveIssued, parseCertificate, pemToDer, verifyCertificateSignature, type Certificate } from './certificates';
import { isListed, parseCrl, verifyCrl, type Crl } from './crl';
import { parseMasterList, type MasterList } from './masterList';
import { digest } from './signature';

export type ImportKind = 'certificate' | 'masterList' | 'crl' | 'unknown';

export interface ImportReport {
  /** File path (importPath) or the caller's label. */
  source: string;
  kind: ImportKind;
  /** Certificates or CRL entries newly added. */
  added: number;
  notes: string[];
  error?: string;
}

export class TrustStoreError extends Error {
  override readonly name = 'TrustStoreError';
}

/** DER content of OID 1.2.840.113549.1.7.2 (id-signedData, RFC 5652 §5.1). */
const SIGNED_DATA_OID_DER = Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

function looksLikePem(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes('-----BEGIN ');
}

function isCms(bytes: Uint8Array): boolean {
  try {
    const first = decodeAll(decodeOne(bytes).value)[0];
    return !!first && first.tag === 0x06 && toHex(first.value) === toHex(SIGNED_DATA_OID_DER);
  } catch {
    return false;
  }
}

export class TrustStore {
  private readonly certs = new Map<string, Certificate>();
  private readonly bySubject = new Map<string, Certificate[]>();
  private readonly crls = new Map<string, Crl>();
  private readonly issuerCache = new Map<string, Certificate | null>();

  get size(): number {
    return this.certs.size;
  }

  certificates(): Certificate[] {
    return [...this.certs.values()];
  }

  crlList(): Crl[] {
    return [...this.crls.values()];
  }

  /** Add trust anchors from DER bytes or PEM text/bytes (several certificates per PEM allowed). */
  addCertificate(input: Uint8Array | string): Certificate[] {
    const ders = typeof input === 'string' ? pemToDer(input) : looksLikePem(input) ? pemToDer(new TextDecoder().decode(input)) : [input];
    if (ders.length === 0) throw new TrustStoreError('no certificate found in the PEM input');
    const added: Certificate[] = [];
    for (const der of ders) {
      const c = parseCertificate(der);
      if (this.addParsed(c)) added.push(c);
    }
    return added;
  }

  private addParsed(c: Certificate): boolean {
    if (this.certs.has(c.fingerprint)) return false;
    this.certs.set(c.fingerprint, c);
    const list = this.bySubject.get(c.subject.key) ?? [];
    list.push(c);
    this.bySubject.set(c.subject.key, list);
    this.issuerCache.clear();
    return true;
  }

  /**
   * Import an ICAO master list. Its CMS signature must verify (else nothing is imported and an error is thrown);
   * a signer that does not chain to a CSCA in the list is reported in the notes.
   */
  importMasterList(bytes: Uint8Array): MasterList & { added: number } {
    const ml = parseMasterList(bytes);
    if (!ml.signatureValid) throw new TrustStoreError(`master list rejected: ${ml.notes.join('; ') || 'invalid signature'}`);
    let added = 0;
    for (const c of ml.cscas) if (this.addParsed(c)) added += 1;
    return { ...ml, added };
  }

  /** Import a CRL (DER or PEM); it must verify under a CSCA already in the store. */
  importCrl(input: Uint8Array | string): Crl {
    const der = typeof input === 'string' ? pemToDer(input, 'X509 CRL')[0] : looksLikePem(input) ? pemToDer(new TextDecoder().decode(input), 'X509 CRL')[0] : input;
    if (!der) throw new TrustStoreError('no CRL found in the PEM input');
    const crl = parseCrl(der);
    const issuers = (this.bySubject.get(crl.issuer.key) ?? []).filter(
      (c) => !crl.authorityKeyIdentifier || !c.subjectKeyIdentifier || toHex(c.subjectKeyIdentifier) === toHex(crl.authorityKeyIdentifier),
    );
    const ok = issuers.some((c) => {
      try {
        return verifyCrl(crl, c.publicKey());
      } catch {
        return false;
      }
    });
    if (!ok) throw new TrustStoreError(`CRL of ${crl.issuer.text} rejected: no CSCA in the store verifies its signature`);
    this.crls.set(toHex(digest('sha256', der)), crl);
    this.issuerCache.clear();
    return crl;
  }

  /** Detect the content (PEM/DER certificate, master list, CRL) and import it. */
  importBytes(bytes: Uint8Array, source = 'input'): ImportReport {
    try {
      if (looksLikePem(bytes)) {
        // A PEM bundle may mix certificates and CRLs: certificates first so the CRLs' issuers are known.
        const text = new TextDecoder().decode(bytes);
        const certDers = pemToDer(text);
        const crlDers = pemToDer(text, 'X509 CRL');
        if (!certDers.length && !crlDers.length) throw new TrustStoreError('no certificate or CRL in the PEM input');
        let added = 0;
        for (const der of certDers) if (this.addParsed(parseCertificate(der))) added += 1;
        for (const der of crlDers) added += this.importCrl(der).revokedSerials.size;
        return { source, kind: certDers.length ? 'certificate' : 'crl', added, notes: [] };
      }
      if (isCms(bytes)) {
        const ml = this.importMasterList(bytes);
        return { source, kind: 'masterList', added: ml.added, notes: ml.notes };
      }
      try {
        return { source, kind: 'certificate', added: this.addCertificate(bytes).length, notes: [] };
      } catch {
        const crl = this.importCrl(bytes);
        return { source, kind: 'crl', added: crl.revokedSerials.size, notes: [] };
      }
    } catch (e) {
      return { source, kind: 'unknown', added: 0, notes: [], error: (e as Error).message };
    }
  }

  /**
   * Import a file or every file under a folder (recursively). CRLs are imported after certificates and master
   * lists so that their issuers are known whatever the file order.
   */
  async importPath(fileOrDir: string): Promise<ImportReport[]> {
    const files: string[] = [];
    const walk = async (p: string): Promise<void> => {
      const st = await fs.stat(p);
      if (st.isDirectory()) {
        for (const name of (await fs.readdir(p)).sort()) await walk(path.join(p, name));
      } else if (st.isFile()) files.push(p);
    };
    await walk(fileOrDir);
    const reports: ImportReport[] = [];
    const deferred: [string, Uint8Array][] = [];
    for (const f of files) {
      const bytes = new Uint8Array(await fs.readFile(f));
      const r = this.importBytes(bytes, f);
      if (r.kind === 'unknown') deferred.push([f, bytes]);
      else reports.push(r);
    }
    for (const [f, bytes] of deferred) reports.push(this.importBytes(bytes, f));
    return reports;
  }

  /** A store loaded from a file or folder (see importPath); import problems are returned, not thrown. */
  static async fromPath(fileOrDir: string): Promise<{ store: TrustStore; reports: ImportReport[] }> {
    const store = new TrustStore();
    return { store, reports: await store.importPath(fileOrDir) };
  }

  /** Write every certificate (<fingerprint>.cer) and CRL (<sha256>.crl) as DER into `dir`. */
  async saveTo(dir: string): Promise<void> {
    await fs.mkdir(dir, { recursive: true });
    for (const c of this.certs.values()) await fs.writeFile(path.join(dir, `${c.fingerprint.toLowerCase()}.cer`), c.der);
    for (const [id, crl] of this.crls) await fs.writeFile(path.join(dir, `${id.toLowerCase()}.crl`), crl.der);
  }

  /** Candidate issuers of `cert` by name and AKI/SKI (signatures not yet checked). */
  findIssuers(cert: Certificate): Certificate[] {
    return (this.bySubject.get(cert.issuer.key) ?? []).filter((c) => couldHaveIssued(c, cert));
  }

  /** The trust anchor whose key verifies `cert`'s signature, or undefined (cached per certificate). */
  findTrustedIssuer(cert: Certificate): Certificate | undefined {
    const hit = this.issuerCache.get(cert.fingerprint);
    if (hit !== undefined) return hit ?? undefined;
    // RFC 5280 §4.2.1.3: an issuer whose KeyUsage is present must allow keyCertSign.
    const found = this.findIssuers(cert).find((c) => {
      if (c.keyUsage && !c.keyUsage.includes('keyCertSign')) return false;
      try {
        return verifyCertificateSignature(cert, c.publicKey());
      } catch {
        return false;
      }
    });
    this.issuerCache.set(cert.fingerprint, found ?? null);
    return found;
  }

  /** True when an imported (verified) CRL of the certificate's issuer lists its serial number. */
  isRevoked(cert: Certificate): boolean {
    for (const crl of this.crls.values()) if (isListed(crl, cert)) return true;
    return false;
  }
}
