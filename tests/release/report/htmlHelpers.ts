// Small regex readers for the report's HTML in unit tests (the markup is prikk's own, regular and known; the real
// DOM is checked by report.browser.test.ts in chromium). The entity decoder is written here, independently of
// src/release/report/escapeHtml.ts.

/** Decodes the five character references escapeHtml writes, and numeric ones. */
export function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Text of an HTML fragment: tags removed, entities decoded. */
export function textOf(fragment: string): string {
  return decode(fragment.replace(/<[^>]*>/g, ''));
}

export interface Cell {
  readonly tag: 'td' | 'th';
  readonly attributes: string;
  readonly text: string;
}

export interface HtmlTable {
  readonly className: string;
  readonly caption: string;
  readonly rows: readonly (readonly Cell[])[];
}

/** Every `<table>` with its caption and rows (thead and tbody rows in order). */
export function tablesOf(html: string): HtmlTable[] {
  const out: HtmlTable[] = [];
  for (const m of html.matchAll(/<table class="([^"]*)"><caption>(.*?)<\/caption>(.*?)<\/table>/gs)) {
    const rows = [...m[3]!.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((r) =>
      [...r[1]!.matchAll(/<(td|th)([^>]*)>(.*?)<\/\1>/gs)].map((c) => ({ tag: c[1] as 'td' | 'th', attributes: c[2]!, text: textOf(c[3]!) })),
    );
    out.push({ className: m[1]!, caption: textOf(m[2]!), rows });
  }
  return out;
}

/** The value of attribute `name` in an attribute string, decoded; undefined when absent. */
export function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
  return m ? decode(m[1]!) : undefined;
}

/** The table whose caption is `caption` (throws when there is not exactly one). */
export function tableByCaption(html: string, caption: string): HtmlTable {
  const found = tablesOf(html).filter((t) => t.caption === caption);
  if (found.length !== 1) throw new Error(`expected one table captioned '${caption}', found ${found.length}`);
  return found[0]!;
}
