/**
 * The report's style sheet, inlined in its `<style>` element: system fonts only (nothing to fetch), tables with
 * shaded margins, one colour per hidden status (with the symbol, so colour is never the only cue — WCAG 2.1
 * SC 1.4.1), a red box for failures, collapsed JSON blocks (`details.json`), and print rules (A4, no navigation,
 * tables and charts kept whole where they fit, colours printed, DP intervals printed under their values, a closed
 * JSON block printed as its summary line with a pointer to manifest.json, an opened one printed whole).
 *
 * @example `<style>${REPORT_STYLES}</style>`
 */
export const REPORT_STYLES = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; --margin-bg: #eef1f5;
  --primary-bg: #fde2e1; --secondary-bg: #fff0cc; --small-bg: #e6e0f3; --fail: #b00020; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.08rem; margin: 1.6rem 0 .4rem; }
.name { font-weight: normal; color: var(--muted); font-size: .9em; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
nav.toc ol { margin: .3rem 0 0; padding-left: 1.4rem; columns: 2; }
nav.toc a { color: #0b4f8a; }
code { font: .85em/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; }
.muted { color: var(--muted); }
.intro, .note { color: var(--muted); max-width: 60rem; }
.note.cap { font-style: italic; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .2rem 0 .35rem; }
table.cells caption { white-space: nowrap; }
th, td { padding: .22rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); text-align: left; background: #fafafa; }
th[scope="row"] { text-align: left; font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; }
table.facts th[scope="row"] { font-weight: 600; width: 13rem; }
table.cells { min-width: 18rem; }
table.cells td, table.cells th { border-right: 1px solid #ececec; }
table.cells .corner { color: var(--muted); font-weight: normal; }
.margin { background: var(--margin-bg); font-weight: 600; }
tr.margin > th[scope="row"] { font-weight: 600; }
table.cells tbody tr:last-child.margin > * { border-top: 2px solid var(--ink); }
.lvl-0 { padding-left: .6rem; } .lvl-1 { padding-left: .6rem; } .lvl-2 { padding-left: 1.6rem; }
.lvl-3 { padding-left: 2.6rem; } .lvl-4 { padding-left: 3.6rem; } .lvl-5 { padding-left: 4.6rem; } .lvl-6 { padding-left: 5.6rem; }
td.hidden { text-align: center; cursor: help; font-weight: 600; }
.status-primary { background: var(--primary-bg); }
.status-secondary { background: var(--secondary-bg); }
.status-small { background: var(--small-bg); }
td.noisy { cursor: help; text-decoration: underline dotted #999; text-underline-offset: 3px; }
.ci { display: none; }
td.absent { background: repeating-linear-gradient(45deg, #fff, #fff 3px, #f0f0f0 3px, #f0f0f0 6px); }
.footnotes { font-size: .9rem; margin: -.4rem 0 1rem; }
.footnotes ul { margin: .2rem 0; padding-left: 0; list-style: none; }
.footnotes .notes li::before { content: "Note: "; font-weight: 600; }
.sym { display: inline-block; min-width: 2.2em; text-align: center; font-weight: 600; border: 1px solid var(--rule); margin-right: .3rem; }
.sym.published { font-weight: normal; color: var(--muted); }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .3rem; }
.meta span + span::before { content: " · "; }
.rule-text { max-width: 60rem; }
dl.params { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .3rem 0 1rem; font-size: .92em; }
dl.params dt { font-weight: 600; }
dl.params dd { margin: 0; word-break: break-word; }
ul.dims { margin: 0; padding-left: 1.1rem; }
table.noise { font-size: .92em; margin-top: 0; }
details.json { margin: .25rem 0; font-size: .9em; }
details.json > summary { cursor: pointer; color: #0b4f8a; width: max-content; }
details.json pre { margin: .3rem 0 .6rem; padding: .5rem .7rem; background: #f6f7f9; border: 1px solid var(--rule);
  max-height: 28rem; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere;
  font: .85em/1.35 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.pass { color: #1f6f2b; font-weight: 600; }
.fail { color: var(--fail); }
tr.failed { background: #fff0f0; }
.verdict.ok { border-left: 4px solid #1f6f2b; padding: .3rem .7rem; background: #eef8ef; }
.alarm { border: 3px solid var(--fail); background: #fde8ea; color: #5c000f; padding: .5rem 1rem; margin: .8rem 0; }
.alarm strong { color: var(--fail); }
.reissue { border-left: 4px solid #0b4f8a; padding: .3rem .7rem; background: #eef4fa; }
.equation { font-weight: 600; }
figure.chart { margin: .5rem 0 1.2rem; }
figure.chart figcaption { color: var(--muted); font-size: .9rem; }
svg.chart { display: block; max-width: 100%; height: auto; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.chart text { fill: var(--ink); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { display: none; }
  h2, h3 { break-after: avoid; }
  h2 { break-before: auto; }
  table, figure, .alarm, dl.params { break-inside: avoid; }
  table.cells.long { break-inside: auto; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  .ci { display: block; font-size: .75em; font-weight: normal; color: var(--muted); }
  td.noisy { text-decoration: none; }
  a { color: inherit; text-decoration: none; }
  details.json > summary { color: inherit; }
  details.json:not([open]) > summary::after { content: " (not printed; in the release's manifest.json)"; color: var(--muted); }
  details.json pre { max-height: none; overflow: visible; }
}
`;
