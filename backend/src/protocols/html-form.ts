// Finds the forms of an HTML page and their fields, in one left-to-right pass (no backtracking
// regex): a hostile page of any shape costs time linear in its length. Only what a login needs is
// kept: each form's action, method, enctype and its <input>/<button> fields. Text inside <script>,
// <style>, <textarea> and comments is skipped, so a password field drawn by a script is not seen.

export interface HtmlField {
  tag: 'input' | 'button';
  /** Lower-cased; "text" when absent (the HTML default for <input>), "submit" for <button>. */
  type: string;
  name: string;
  id: string;
  value: string;
  checked: boolean;
  disabled: boolean;
}

export interface HtmlForm {
  action: string | null;
  method: 'GET' | 'POST';
  enctype: string;
  fields: HtmlField[];
}

/** Pages are read up to this many characters; a login form sits near the top of a page. */
export const MAX_HTML_CHARS = 256 * 1024;
const MAX_FORMS = 32;
const MAX_FIELDS = 128;
const MAX_TAG_NAME = 32;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isNameEnd = (c: number): boolean => isSpace(c) || c === 0x2f /* / */ || c === 0x3e /* > */;

interface Tag { name: string; closing: boolean; attrs: Map<string, string>; end: number }

/** Reads the tag that starts at `start` ('<'); returns null when it is not a tag. */
function readTag(html: string, start: number): Tag | null {
  let i = start + 1;
  const closing = html.charCodeAt(i) === 0x2f;
  if (closing) i++;
  const nameStart = i;
  // A tag name is short and has no '<': stopping there keeps "<<<<…" linear.
  while (i < html.length && i - nameStart <= MAX_TAG_NAME && !isNameEnd(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3c) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(name) || html.charCodeAt(i) === 0x3c) return null;
  const attrs = new Map<string, string>();
  while (i < html.length) {
    while (i < html.length && (isSpace(html.charCodeAt(i)) || html.charCodeAt(i) === 0x2f)) i++;
    if (i >= html.length) break;
    if (html.charCodeAt(i) === 0x3e) return { name, closing, attrs, end: i + 1 };
    const keyStart = i;
    while (i < html.length && !isNameEnd(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3d /* = */) i++;
    if (i === keyStart) { i++; continue; } // a stray character: skip it
    const key = html.slice(keyStart, i).toLowerCase();
    while (i < html.length && isSpace(html.charCodeAt(i))) i++;
    let value = '';
    if (html.charCodeAt(i) === 0x3d) {
      i++;
      while (i < html.length && isSpace(html.charCodeAt(i))) i++;
      const quote = html.charCodeAt(i);
      if (quote === 0x22 || quote === 0x27) {
        const close = html.indexOf(String.fromCharCode(quote), i + 1);
        const valueEnd = close === -1 ? html.length : close;
        value = html.slice(i + 1, valueEnd);
        i = valueEnd + 1;
      } else {
        const valueStart = i;
        while (i < html.length && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3e) i++;
        value = html.slice(valueStart, i);
      }
    }
    if (!attrs.has(key)) attrs.set(key, decodeEntities(value));
  }
  return { name, closing, attrs, end: html.length };
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The few character references attribute values use (named basics and numeric). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function fieldOf(tag: Tag): HtmlField | null {
  const name = tag.attrs.get('name') ?? '';
  const id = tag.attrs.get('id') ?? '';
  if (tag.name === 'button') {
    return { tag: 'button', type: (tag.attrs.get('type') ?? 'submit').toLowerCase(), name, id, value: tag.attrs.get('value') ?? '', checked: false, disabled: tag.attrs.has('disabled') };
  }
  return {
    tag: 'input', type: (tag.attrs.get('type') ?? 'text').toLowerCase().trim() || 'text', name, id,
    value: tag.attrs.get('value') ?? '', checked: tag.attrs.has('checked'), disabled: tag.attrs.has('disabled'),
  };
}

/**
 * Every form of the page. Fields outside any <form> are collected in a last pseudo-form with a
 * null action (script-driven pages), so a caller can tell "a password field, but no form".
 */
export function parseForms(input: string): HtmlForm[] {
  const html = input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
  const forms: HtmlForm[] = [];
  const loose: HtmlForm = { action: null, method: 'GET', enctype: '', fields: [] };
  let current: HtmlForm | null = null;
  let fieldCount = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html.charCodeAt(lt + 1) === 0x21 || html.charCodeAt(lt + 1) === 0x3f) { // <!DOCTYPE …>, <?xml …?>
      const close = html.indexOf('>', lt + 2);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) { i = lt + 1; continue; }
    i = tag.end;
    if (!tag.closing && RAW_TEXT.has(tag.name)) {
      const close = indexOfCaseless(html, `</${tag.name}`, i);
      i = close === -1 ? html.length : close;
      continue;
    }
    if (tag.name === 'form') {
      if (tag.closing) { current = null; continue; }
      if (forms.length >= MAX_FORMS) { current = null; continue; }
      const method = (tag.attrs.get('method') ?? 'get').trim().toUpperCase() === 'POST' ? 'POST' : 'GET';
      current = { action: tag.attrs.get('action') ?? '', method, enctype: (tag.attrs.get('enctype') ?? '').toLowerCase(), fields: [] };
      forms.push(current);
      continue;
    }
    if (tag.closing || (tag.name !== 'input' && tag.name !== 'button')) continue;
    if (fieldCount >= MAX_FIELDS) continue;
    const field = fieldOf(tag);
    if (!field) continue;
    fieldCount++;
    (current ?? loose).fields.push(field);
  }
  if (loose.fields.length > 0) forms.push(loose);
  return forms;
}

/** indexOf ignoring ASCII case, for end tags; `needle` is lower-case. Linear in the haystack. */
function indexOfCaseless(haystack: string, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  for (let i = haystack.indexOf(String.fromCharCode(first), from); i !== -1; i = haystack.indexOf(String.fromCharCode(first), i + 1)) {
    if (haystack.slice(i, i + needle.length).toLowerCase() === needle) return i;
  }
  return -1;
}

/** True when the page has a password field anywhere (in a form or not). */
export function hasPasswordField(html: string): boolean {
  return parseForms(html).some((form) => form.fields.some((f) => f.tag === 'input' && f.type === 'password'));
}
