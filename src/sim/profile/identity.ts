/**
 * The identity JSON a simulated CCCD is built from. Every sample is SYNTHETIC (invented names and numbers).
 * Dates are ISO `YYYY-MM-DD` in the JSON; the encoders turn them into DG13's dd/MM/yyyy and the MRZ's YYMMDD.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { deriveExpiry } from '../../vn/expiry';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'is not a calendar date');

/** No control characters; the chip text fields are plain UTF-8 (DG13 uses ISO/IEC 10646 UTF-8, cccd.md §4.1). */
const text = z.string().regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const name = text.min(1, 'must not be empty').max(100, 'is longer than 100 characters');

export const faceSchema = z.union([
  z.string().min(1, 'face path must not be empty'),
  z.object({
    synthetic: z.object({
      width: z.number().int().min(32).max(2000),
      height: z.number().int().min(32).max(2000),
      seed: z.number().int().nonnegative(),
      /** JPEG quality 1–100 (jpeg-js); larger values give a larger DG2. */
      quality: z.number().int().min(1).max(100).optional(),
    }),
  }),
]);

export const identitySchema = z
  .object({
    label: z.string().min(1).max(60).optional(),
    idNumber: z.string().regex(/^\d{12}$/, 'must be exactly 12 digits'),
    oldIdNumber: z
      .string()
      .regex(/^\d{9}$/, 'must be exactly 9 digits (old CMND)')
      .optional(),
    fullName: name,
    dateOfBirth: isoDate,
    sex: z.enum(['M', 'F']),
    /** CCCD is issued to Vietnamese citizens only (DG13 field 5). */
    nationality: z.literal('Việt Nam', { error: 'must be "Việt Nam"' }),
    ethnicity: text.min(1),
    religion: text.min(1),
    placeOfOrigin: text.min(1),
    placeOfResidence: text.min(1),
    personalIdentification: text,
    dateOfIssue: isoDate,
    /** null = "Không thời hạn" (never expires; MRZ 991231, cccd.md §2.4). */
    dateOfExpiry: isoDate.nullable(),
    fatherName: text,
    motherName: text,
    spouseName: name.optional(),
    /** DG13 field 16: an opaque 16-character PrintableString (cccd.md §4.3). */
    field16: z
      .string()
      .regex(/^[0-9A-Za-z]{16}$/, 'must be 16 letters/digits')
      .optional(),
    face: faceSchema,
    pki: z.enum(['brainpoolP256r1', 'secp256r1', 'rsa2048']),
    aa: z.enum(['RSA', 'EC']),
    generation: z.union([z.literal(2021), z.literal(2024)]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.dateOfIssue < v.dateOfBirth) {
      ctx.addIssue({ code: 'custom', path: ['dateOfIssue'], message: 'is before dateOfBirth' });
    }
    if (v.dateOfExpiry !== null && v.dateOfExpiry <= v.dateOfIssue) {
      ctx.addIssue({ code: 'custom', path: ['dateOfExpiry'], message: 'must be after dateOfIssue' });
    }
    if (v.dateOfExpiry !== null && v.dateOfExpiry > '2098-12-31') {
      // 2099-12-31 would collide with the MRZ "no expiry" value 991231.
      ctx.addIssue({ code: 'custom', path: ['dateOfExpiry'], message: 'is too far in the future (use null for no expiry)' });
    }
    if (Number(v.dateOfBirth.slice(0, 4)) < 1900) {
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'is before 1900' });
    }
  });

export type Identity = z.infer<typeof identitySchema>;
export type FaceSpec = z.infer<typeof faceSchema>;

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

/** Validate an identity; errors list each bad field by path (values are never echoed: they are personal data). */
export function parseIdentity(input: unknown, source = 'identity'): Identity {
  const r = identitySchema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new IdentityError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  return r.data;
}

export interface LoadedIdentity {
  identity: Identity;
  /** Folder that relative face paths are resolved against. */
  baseDir: string;
}

export function loadIdentityFile(path: string): LoadedIdentity {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new IdentityError(`cannot read identity file ${path}: ${(e as Error).message}`);
  }
  return { identity: parseIdentity(json, path), baseDir: dirname(path) };
}

export function resolveFacePath(face: string, baseDir: string): string {
  return isAbsolute(face) ? face : resolve(baseDir, face);
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/**
 * Expiry a card should carry by law (cccd.md §8): milestones 25/40/60 (Law on CCCD 2014, Art. 21) or 14/25/40/60
 * (Law on Identification 2023, Art. 21); a card made within 2 years before a milestone lasts to the next one;
 * none left → never expires (null). Expiry = the birthday in the milestone year.
 */
export function expectedExpiry(dateOfBirth: string, dateOfIssue: string, generation: 2021 | 2024): string | null {
  return deriveExpiry(dateOfBirth, dateOfIssue, generation === 2021 ? 'CCCD_2014' : 'ID_2023');
}
