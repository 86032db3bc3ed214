import { isUtf8 } from 'node:buffer';
import { fail } from './importProblems.js';

/**
 * @internal Decodes a file's bytes as UTF-8 JSON (RFC 8259; a leading byte-order mark is dropped, as BloodHound
 * accepts one) and parses it. A file that is not valid UTF-8 or not valid JSON stops the import with the line
 * and column of the first error — found by {@link locateJsonError} only then, so valid files cost one
 * `JSON.parse`.
 */
export function readJson(file: string, bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Node's own decoder, several times faster than a fatal TextDecoder on a collection's hundreds of megabytes;
  // only a text holding a replacement character may come from bytes that are not UTF-8, and is checked.
  let text = buffer.toString('utf8');
  if (text.includes('\uFFFD') && !isUtf8(buffer)) {
    const offset = firstInvalidUtf8(bytes);
    return fail(
      'invalid-json',
      file,
      '',
      `the file is not UTF-8 text (an invalid byte at offset ${offset})`,
      'a UTF-8 JSON file',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    const error = locateJsonError(text);
    const at = lineColumn(text, error.offset);
    return fail('invalid-json', file, '', error.message, error.expected, at);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on the longest valid prefix: decoding is all-or-nothing.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Where a text stops being JSON, and what was expected there. */
interface JsonErrorAt {
  readonly offset: number;
  readonly message: string;
  readonly expected: string;
}

/**
 * @internal The first syntax error of a text that `JSON.parse` refused, found by a scan of RFC 8259's grammar
 * (V8's messages give no position for some errors). Iterative, so nesting depth cannot overflow the stack.
 */
export function locateJsonError(text: string): JsonErrorAt {
  let i = 0;
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  const err = (expected: string): JsonErrorAt => ({
    offset: Math.min(i, n),
    message:
      i >= n
        ? `the JSON ends too early: expected ${expected}`
        : `unexpected ${describe(text, i)}: expected ${expected}`,
    expected,
  });
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const string = (): JsonErrorAt | null => {
    i++; // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return err('a closing quote (a control character must be escaped)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return err('four hexadecimal digits after \\u');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return err('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
        }
      } else i++;
    }
    return err('a closing quote');
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
  const scalar = (): JsonErrorAt | null => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m !== null && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return null;
    }
    return err('a value (an object, array, string, number, true, false or null)');
  };
  // After a value inside a container: a comma or the closing bracket.
  space();
  if (i >= n) return err('a JSON value');
  for (;;) {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      space();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else if (c === '{') {
        if (text[i] !== '"') return err('a property name in double quotes, or }');
        const e = string();
        if (e !== null) return e;
        space();
        if (text[i] !== ':') return err('a colon after the property name');
        i++;
        continue;
      } else continue;
    } else {
      const e = scalar();
      if (e !== null) return e;
    }
    // A value ended: close containers or move to the next member.
    for (;;) {
      space();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) return err('the end of the file after the JSON value');
        return { offset: n, message: 'the JSON is not valid', expected: 'valid JSON' };
      }
      const close = top === '{' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return err(`a comma or ${close}`);
      i++;
      space();
      if (top === '{') {
        if (text[i] !== '"') return err('a property name in double quotes');
        const e = string();
        if (e !== null) return e;
        space();
        if (text[i] !== ':') return err('a colon after the property name');
        i++;
      }
      break;
    }
  }
}

function describe(text: string, i: number): string {
  const c = text.codePointAt(i) ?? 0;
  if (c < 0x20 || c === 0x7f)
    return `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${String.fromCodePoint(c)}"`;
}
