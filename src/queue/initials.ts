/**
 * Masked initials for the public status look-up: enough for citizens to recognise their own dossier on the kiosk
 * screen ("N.V.A."), too little to name anyone. Tone and vowel marks are dropped (Ấ → A); Đ is its own letter
 * in Vietnamese and stays. Computed on the server from the stored name; the name itself never leaves it.
 */
export function maskedInitials(fullName: string | null | undefined): string {
  if (!fullName) return '';
  const letters: string[] = [];
  for (const word of fullName.trim().split(/\s+/u)) {
    const first = [...word.normalize('NFD').replace(/\p{M}/gu, '')].find((c) => /\p{L}/u.test(c));
    if (first) letters.push(first.toLocaleUpperCase('vi'));
  }
  // At most four: a long name's middle parts add nothing to recognition but narrow down who it is.
  const kept = letters.length > 4 ? [...letters.slice(0, 3), letters[letters.length - 1] as string] : letters;
  return kept.map((l) => `${l}.`).join('');
}
