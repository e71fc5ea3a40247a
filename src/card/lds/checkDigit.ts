/** ICAO 9303-3 §4.9: check digit over [0-9A-Z<] with weights 7, 3, 1 (A=10 … Z=35, '<'=0), modulo 10. */
export function checkDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field.charCodeAt(i);
    let v: number;
    if (ch >= 48 && ch <= 57) v = ch - 48;
    else if (ch >= 65 && ch <= 90) v = ch - 55;
    else if (ch === 60) v = 0;
    else throw new RangeError(`MRZ: invalid character '${field[i]}'`);
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

export function checkDigitChar(field: string): string {
  return String(checkDigit(field));
}
