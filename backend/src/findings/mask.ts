/**
 * Masks a secret for evidence and logs: all but the first and last character ("root" → "r**t").
 * Secrets of one or two characters are masked whole, so nothing of them is revealed.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  if (chars.length === 0) return '(empty)';
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
}
