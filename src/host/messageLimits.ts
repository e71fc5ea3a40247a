/**
 * Bounds on what one WebSocket message may cost before it reaches JSON.parse and zod. The largest input the API
 * takes is trust.import's master list (contract: MAX_TRUST_IMPORT_BASE64); nothing needs more than a few levels
 * of nesting (a request envelope, a method input, an edit list), so deep nesting is refused by a linear scan
 * before parsing: a 10 MB message of "[" otherwise costs seconds of JSON.parse on the only thread.
 */
import { MAX_TRUST_IMPORT_BASE64 } from '../api/contract';

/** The largest method input plus room for the envelope. */
export const MAX_MESSAGE_BYTES = MAX_TRUST_IMPORT_BASE64 + 64 * 1024;
const MAX_JSON_DEPTH = 16;

/** True when the JSON text nests arrays/objects deeper than `max` (strings are skipped, escapes respected). */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
