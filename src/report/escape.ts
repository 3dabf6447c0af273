/**
 * Escaping for every output format, in one place. Every value that came from a log or an engine
 * passes through one of these before it reaches a report: node ids, prop values, messages, paths,
 * engine stderr, file names.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value for HTML: safe inside elements and inside quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * JSON for a `<script type="application/json">` block. `<` cannot appear raw, so no value can
 * close the script element (`</script>`) or open a comment; U+2028/2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Characters XML 1.0 cannot carry at all, even as references: C0 controls other than tab, LF and
 * CR, U+FFFE/U+FFFF, and lone surrogates. They are dropped, since a CI server that meets one
 * rejects the whole file.
 */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value for XML. `]]>` needs no care: `>` is always escaped. */
export function escapeXml(value: unknown): string {
  return String(value)
    .replace(XML_INVALID, '')
    .replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : (HTML[c] ?? c)));
}

/**
 * Plain text inside a Markdown table cell or list item (never at a line start, so `#`, `-` and
 * digits need nothing; with `[` escaped no link can form, so parentheses need nothing either):
 * markup characters are backslash-escaped,
 * `<`, `>` and `&` become entities (GitHub renders inline HTML), and newlines become spaces so a
 * value cannot end a table row.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * An inline code span holding any text: the fence is one backtick longer than the longest run
 * inside, and `|` is escaped because GitHub splits table cells before it parses code spans.
 */
export function markdownCode(value: unknown): string {
  const text = String(value).replace(/\r\n|\r|\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
