/**
 * The hall-display announcement "Mời công dân có số thứ tự 17 đến quầy số 2" as a sequence of audio clips: a
 * chime, fixed phrases, and the numbers read the Vietnamese way. Clip ids are stable file names
 * (`dist/announce/<id>.wav`), so a centre can drop in its own recordings under the same names.
 *
 * Number reading rules (standard Vietnamese, 1–999):
 *   - 10 is "mười"; tens 20–90 are "<digit> mươi" (level tone).
 *   - units after "mươi": 1 → "mốt", 4 → "tư", 5 → "lăm" (21 hai mươi mốt, 24 hai mươi tư, 25 hai mươi lăm).
 *   - units after "mười": 5 → "lăm", 1 and 4 stay "một", "bốn" (11 mười một, 14 mười bốn, 15 mười lăm).
 *   - hundreds: "<digit> trăm"; a zero tens digit before a non-zero unit is read "linh" and the unit keeps its
 *     plain name (105 một trăm linh năm, 101 một trăm linh một, 104 một trăm linh bốn).
 */
import { parseTicketLabel, CENTRE_ISSUER } from './ticketNumber';

/** Every clip with the Vietnamese text it speaks (the build script renders these; 'chime' is synthesised). */
export const ANNOUNCEMENT_CLIPS = {
  chime: '',
  'phrase-moi-cong-dan': 'Mời công dân có số thứ tự',
  'phrase-den-quay': 'đến quầy số',
  'phrase-so': 'số',
  'letter-k': 'ca',
  'so-khong': 'không',
  'so-mot': 'một',
  'so-hai': 'hai',
  'so-ba': 'ba',
  'so-bon': 'bốn',
  'so-nam': 'năm',
  'so-sau': 'sáu',
  'so-bay': 'bảy',
  'so-tam': 'tám',
  'so-chin': 'chín',
  'so-mot-sac': 'mốt',
  'so-tu': 'tư',
  'so-lam': 'lăm',
  'so-muoi-huyen': 'mười',
  'so-muoi-ngang': 'mươi',
  'so-tram': 'trăm',
  'so-linh': 'linh',
} as const;

export type ClipId = keyof typeof ANNOUNCEMENT_CLIPS;

const DIGIT: readonly ClipId[] = ['so-khong', 'so-mot', 'so-hai', 'so-ba', 'so-bon', 'so-nam', 'so-sau', 'so-bay', 'so-tam', 'so-chin'];

function digit(d: number): ClipId {
  return DIGIT[d] as ClipId;
}

/** 1–99 */
function underHundred(n: number): ClipId[] {
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 0) return [digit(unit)];
  if (tens === 1) return ['so-muoi-huyen', ...(unit === 0 ? [] : [unit === 5 ? 'so-lam' : digit(unit)])] as ClipId[];
  const head: ClipId[] = [digit(tens), 'so-muoi-ngang'];
  if (unit === 0) return head;
  const tail: ClipId = unit === 1 ? 'so-mot-sac' : unit === 4 ? 'so-tu' : unit === 5 ? 'so-lam' : digit(unit);
  return [...head, tail];
}

/** The clips that read `n` (1–999) aloud. */
export function numberClips(n: number): ClipId[] {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`announced numbers are 1–999, got ${n}`);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return underHundred(rest);
  const head: ClipId[] = [digit(hundreds), 'so-tram'];
  if (rest === 0) return head;
  if (rest < 10) return [...head, 'so-linh', digit(rest)];
  return [...head, ...underHundred(rest)];
}

/** The words of a clip sequence joined (for captions on the display and for tests). */
export function clipText(clips: readonly ClipId[]): string {
  return clips
    .map((c) => ANNOUNCEMENT_CLIPS[c])
    .filter((t) => t !== '')
    .join(' ');
}

/**
 * The announcement of a ticket label to a counter. Centre numbers above 999 are read digit by digit after
 * "số" (rare: a commune centre issues a few hundred a day). An offline kiosk label `K1-017` is read
 * "ca một số mười bảy".
 */
export function announcementClips(ticketLabel: string, counter: number): ClipId[] {
  const n = parseTicketLabel(ticketLabel);
  if (!n) throw new Error(`not a ticket label: ${JSON.stringify(ticketLabel)}`);
  const number: ClipId[] =
    n.issuer === CENTRE_ISSUER
      ? n.seq <= 999
        ? numberClips(n.seq)
        : [...String(n.seq)].map((d) => digit(Number(d)))
      : ['letter-k', ...numberClips(Number(n.issuer.slice(1))), 'phrase-so', ...numberClips(n.seq)];
  return ['chime', 'phrase-moi-cong-dan', ...number, 'phrase-den-quay', ...numberClips(counter)];
}
