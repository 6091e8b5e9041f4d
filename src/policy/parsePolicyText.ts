import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { PrikkError } from '../errors/PrikkError.js';
import { findJsonSyntaxError } from './findJsonSyntaxError.js';
import { formatPolicyPath, parsePolicyPath } from './PolicyPath.js';

/** A policy file's text read as data, with the line of every key. */
export interface ParsedPolicyText {
  /** The data (not yet validated). */
  readonly value: unknown;
  /**
   * The 1-based line of a key path (`tables[0].method`): the line of the key itself for an object entry, of the
   * item for a list item; for a path that is not in the file (a missing key), the line of its nearest ancestor.
   */
  readonly locate: (path: string) => number | undefined;
  /** The text of a scalar as written in a YAML file (`0301` where the data holds the number 301), if known. */
  readonly written: (path: string) => string | undefined;
}

/** At most this many YAML syntax errors are listed. */
const MAX_SYNTAX_ERRORS = 20;

/**
 * Reads a policy file's text: JSON when the file name ends in `.json` (strict JSON: a trailing comma or a repeated
 * key is an error), else YAML 1.2 (the `yaml` package's core schema: `yes`/`no` stay text, `0301` is a number). Both
 * are read with a `LineCounter`, so every key and item has a line (JSON is valid YAML, so a JSON file's positions come
 * from the same parser).
 *
 * Cost: O(length of the text).
 *
 * @throws {PrikkError} `INVALID_POLICY` naming the file, line and column of every YAML syntax error (and warning:
 * an unknown tag, a repeated key, several documents), or of the first JSON syntax error.
 * @example
 * parsePolicyText('prikk: 1\ntables: []\n', { file: 'p.yaml' }).locate('tables') // 2
 */
export function parsePolicyText(text: string, options: { readonly file: string }): ParsedPolicyText {
  const { file } = options;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const isJson = /\.json$/i.test(file);
  if (isJson) {
    const bad = findJsonSyntaxError(source);
    if (bad !== undefined) {
      lineCounter.addNewLine(0);
      for (let k = source.indexOf('\n'); k >= 0; k = source.indexOf('\n', k + 1)) lineCounter.addNewLine(k + 1);
      const { line, col } = lineCounter.linePos(bad.offset);
      throw new PrikkError('INVALID_POLICY', `JSON syntax error at line ${line}, column ${col}: ${bad.message}`, { file, line });
    }
  }
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!isJson) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) {
      const listed = problems
        .map((e) => ({ ...lineCounter.linePos(e.pos[0]), message: yamlMessage(e.code, e.message) }))
        .sort((a, b) => a.line - b.line || a.col - b.col);
      const lines = listed.slice(0, MAX_SYNTAX_ERRORS).map((e) => `  ${file}:${e.line}:${e.col}: ${e.message}`);
      if (listed.length > MAX_SYNTAX_ERRORS) lines.push(`  ... and ${listed.length - MAX_SYNTAX_ERRORS} more`);
      const first = listed[0]!;
      throw new PrikkError(
        'INVALID_POLICY',
        `YAML syntax error${listed.length === 1 ? '' : 's'} (line ${first.line}, column ${first.col}${listed.length === 1 ? '' : ' first'}):\n${lines.join('\n')}`,
        { file, line: first.line },
      );
    }
  }
  let value: unknown;
  if (isJson) value = JSON.parse(source) as unknown;
  else {
    try {
      value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (error) {
      throw new PrikkError('INVALID_POLICY', `the YAML cannot be read as data: ${error instanceof Error ? error.message : String(error)}`, { file });
    }
  }

  const lines = new Map<string, number>();
  const written = new Map<string, string>();
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const at = [...path, key];
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange) lines.set(formatPolicyPath(at), lineCounter.linePos(keyRange[0]).line);
        walk(pair.value, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const at = [...path, index];
        const range = isPair(item) ? (item.key as Node | null)?.range : (item as Node | null)?.range;
        if (range) lines.set(formatPolicyPath(at), lineCounter.linePos(range[0]).line);
        walk(item, at);
      });
    } else if (!isJson && isScalar(node) && node.range) {
      written.set(formatPolicyPath(path), source.slice(node.range[0], node.range[1]));
    }
    // An alias is not followed: a path below it is located at the alias (its nearest ancestor in the file).
    if (isAlias(node)) return;
  };
  if (doc.contents && (doc.contents as Node).range) lines.set(formatPolicyPath([]), lineCounter.linePos((doc.contents as Node).range![0]).line);
  walk(doc.contents, []);

  const locate = (path: string): number | undefined => {
    const exact = lines.get(path);
    if (exact !== undefined) return exact;
    const segments = parsePolicyPath(path);
    if (segments === undefined) return undefined;
    for (let n = segments.length - 1; n >= 0; n--) {
      const line = lines.get(formatPolicyPath(segments.slice(0, n)));
      if (line !== undefined) return line;
    }
    return undefined;
  };
  return { value, locate, written: (path) => written.get(path) };
}

/** The first line of a `yaml` error message, in the words of a policy's author. */
function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return "a policy is one YAML document, and a second one starts here (after '---')";
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
