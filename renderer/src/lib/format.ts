/** Display helpers (research/forms.md §5.2–5.3): dd/mm/yyyy dates and Vietnamese-aware title case for names. */

export function isoToDisplay(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "NGUYỄN VĂN AN" → "Nguyễn Văn An" (per syllable; keeps diacritics and Đ). */
export function titleCaseVi(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .split(/(\s+)/)
    .map((w) => (w.trim() ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w))
    .join('');
}

/** Mask all but the last 4 digits of an ID number, for lists shown where others may look. */
export function maskId(id: string | null | undefined): string {
  if (!id) return '';
  return id.length > 4 ? '•'.repeat(id.length - 4) + id.slice(-4) : id;
}
