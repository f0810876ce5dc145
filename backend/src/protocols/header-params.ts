// Parameters of an authentication challenge (RFC 7235 §2.1: `name=token` or `name="quoted"`),
// read by a single forward scan. A regex did this before and re-scanned the rest of the header
// from every position: `Basic ` + 64 KiB of "a" blocked the event loop for seconds (issue #21).

/** Longest challenge header we read; real ones are a few hundred bytes. */
export const MAX_CHALLENGE_CHARS = 8 * 1024;
const MAX_PARAMS = 32;

const isNameChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/**
 * Every `name = value` in `text`, names lower-cased, quoted values unescaped. A name without "="
 * (a token68, junk) is skipped. Linear in the text; at most MAX_PARAMS names, a repeated one: the last wins.
 */
export function parseAuthParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  let count = 0;
  let unclosedQuote = false; // once a quote never closes, later quotes cannot close either
  let i = 0;
  while (i < text.length && count < MAX_PARAMS) {
    if (!isNameChar(text.charCodeAt(i))) { i++; continue; }
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (text[j] !== '=') continue; // not a parameter: go on from the end of the word
    j++;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    let value: string | null = null;
    if (text[j] === '"' && !unclosedQuote) {
      const quoted = readQuoted(text, j + 1);
      if (quoted) { value = quoted.value; j = quoted.end; } else unclosedQuote = true;
    }
    if (value === null) {
      const start = j;
      while (j < text.length && text[j] !== ',' && !isSpace(text.charCodeAt(j))) j++;
      value = text.slice(start, j);
    }
    if (!Object.hasOwn(params, name)) count++;
    params[name] = value;
    i = j;
  }
  return params;
}

/** A quoted string's content from `from` (just after the opening quote), or null if it never closes. */
function readQuoted(text: string, from: number): { value: string; end: number } | null {
  let value = '';
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === '"') return { value, end: k + 1 };
    if (c === '\\' && k + 1 < text.length) k++;
    value += text[k];
  }
  return null;
}
