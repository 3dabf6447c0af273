/**
 * A strict little XML well-formedness check for the JUnit tests: balanced tags, quoted attributes,
 * only the five predefined entities or character references, no characters XML 1.0 forbids.
 * Returns the problems found; an empty list means well-formed.
 */
const NAME = '[A-Za-z_][\\w.-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  let s = text.replace(/^<\?xml[^?]*\?>\s*/, '');
  if (FORBIDDEN.test(s)) problems.push('forbidden control character');
  const stack: string[] = [];
  let roots = 0;
  while (s.length > 0) {
    const lt = s.indexOf('<');
    const chunk = lt === -1 ? s : s.slice(0, lt);
    if (ENTITY.test(chunk)) problems.push(`bad entity in text: ${chunk.slice(0, 40)}`);
    if (stack.length === 0 && chunk.trim() !== '') problems.push(`text outside the root: ${chunk.slice(0, 40)}`);
    if (lt === -1) break;
    s = s.slice(lt);
    const m = TAG.exec(s);
    if (m === null) {
      problems.push(`bad tag at: ${s.slice(0, 60)}`);
      break;
    }
    const [all, close, name, attrs, selfClose] = m;
    if (ENTITY.test(attrs ?? '')) problems.push(`bad entity in attributes of <${name}>`);
    if (close === '/') {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      if (selfClose !== '/') stack.push(name!);
    }
    s = s.slice(all.length);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}

/** Undo the five entities and character references: the text a CI server would show. */
export function xmlUnescape(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
