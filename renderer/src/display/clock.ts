/** Times on the hall display: hours and minutes in the centre's local time. */
export function clockTime(iso: string | Date, lang: 'vi' | 'en'): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false });
}
