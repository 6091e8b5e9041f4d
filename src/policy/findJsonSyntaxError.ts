/** A JSON syntax error: where (a character offset into the text) and what. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/**
 * Finds the first syntax error of a JSON text (RFC 8259, plus: a key repeated in one object is an error, since
 * `JSON.parse` would silently keep the last one), or undefined when the text is valid JSON. Node 20's `JSON.parse`
 * names no position, so a policy reader calls this to point at the line and column.
 *
 * Cost: O(length of the text); recursion depth is the nesting depth (a policy is shallow; past 1,000 levels it
 * reports an error instead of overflowing the stack).
 *
 * @throws nothing; a syntax error is returned.
 * @example
 * findJsonSyntaxError('{"a": 1,}') // { offset: 8, message: "expected a key in double quotes, found '}'" }
 * findJsonSyntaxError('{"a": 1}')  // undefined
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  let depth = 0;

  class Stop extends Error {
    constructor(
      readonly at: number,
      readonly what: string,
    ) {
      super(what);
    }
  }
  const found = (): string => (i >= text.length ? 'the end of the text' : `'${text[i]}'`);
  const fail = (expected: string, at = i): never => {
    throw new Stop(at, `expected ${expected}, found ${found()}`);
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // the opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c < 0x20) fail('a closing double quote (control characters must be escaped)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail('four hex digits after \\u');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
      } else i++;
    }
    return fail('a closing double quote');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      if (++depth > 1000) fail('at most 1000 nested levels');
      i++;
      space();
      const keys = new Set<string>();
      if (text[i] === '}') {
        i++;
      } else {
        for (;;) {
          space();
          if (text[i] !== '"') fail('a key in double quotes');
          const keyAt = i;
          const key = string();
          if (keys.has(key)) throw new Stop(keyAt, `the key ${JSON.stringify(key)} appears twice in one object`);
          keys.add(key);
          space();
          if (text[i] !== ':') fail("':' after the key");
          i++;
          value();
          space();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail("',' or '}'");
        }
      }
      depth--;
    } else if (c === '[') {
      if (++depth > 1000) fail('at most 1000 nested levels');
      i++;
      space();
      if (text[i] === ']') {
        i++;
      } else {
        for (;;) {
          value();
          space();
          if (text[i] === ',') {
            i++;
            space();
            if (text[i] === ']') fail('a value after the comma');
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail("',' or ']'");
        }
      }
      depth--;
    } else if (c === '"') {
      string();
    } else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail('a number');
      i += m![0].length;
    } else {
      for (const word of ['true', 'false', 'null']) {
        if (text.startsWith(word, i)) {
          i += word.length;
          return;
        }
      }
      fail('a value (an object, a list, text in double quotes, a number, true, false or null)');
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    space();
    if (i < text.length) fail('the end of the text after the value');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.at, message: error.message };
    throw error;
  }
}
