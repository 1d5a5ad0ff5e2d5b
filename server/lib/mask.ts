// Masking rules for personal data shown on screen or exported.

/** 110105199001011234 → 110105********1234; short documents keep their first and last two characters. */
export function maskDocument(value: string): string {
  const v = value.trim();
  if (v.length >= 15) return `${v.slice(0, 6)}${"*".repeat(v.length - 10)}${v.slice(-4)}`;
  if (v.length <= 4) return "*".repeat(v.length);
  return `${v.slice(0, 2)}${"*".repeat(v.length - 4)}${v.slice(-2)}`;
}

/** 13812345678 → 138****5678; other lengths keep the last four digits. */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (v.length === 11) return `${v.slice(0, 3)}****${v.slice(7)}`;
  if (v.length <= 4) return "*".repeat(v.length);
  return `${"*".repeat(v.length - 4)}${v.slice(-4)}`;
}

/** 张三丰 → 张**: used where a name is shown to people outside the data scope (public lists). */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 1) return value;
  return chars[0] + "*".repeat(chars.length - 1);
}
