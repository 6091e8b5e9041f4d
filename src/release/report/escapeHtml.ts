/**
 * Escapes text for HTML (and SVG) text content and for attribute values in double or single quotes: `&`, `<`, `>`,
 * `"` and `'` become character references. Follows the OWASP XSS prevention cheat sheet, rule 1 and rule 2 (for
 * quoted attributes). Every piece of text that goes into the report passes through here.
 *
 * Cost: O(length of the text).
 *
 * @example
 * escapeHtml(`<script>alert("x")</script> & 'y'`)
 * // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
