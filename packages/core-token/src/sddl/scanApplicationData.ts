import { type ParseError, parseError } from '../errors.js';
import { err, ok, type Result } from '../result.js';

/**
 * @internal Finds the end of the parenthesised 7th ACE field — a conditional expression
 * (`(@User.Dept == "Sales")`, MS-DTYP 2.5.1.1 `cond-expr`) or a resource attribute (`("Secrecy",TU,0x0,3)`,
 * `attribute-data`) — by matching parentheses, skipping any inside double-quoted strings (`char-string`,
 * which has no escape character).
 *
 * @remarks
 * One pass, each character looked at once (the closing quote is found with `indexOf`), so malformed input
 * such as a hundred thousand `(` costs linear time and no recursion.
 * @param text - the whole SDDL string
 * @param start - the offset of the opening `(`
 * @returns the offset just after the matching `)`, or ERROR_INVALID_ACL at the innermost `(` left open or at
 * an unterminated `"`
 */
export function scanApplicationData(text: string, start: number): Result<number, ParseError> {
  const open: number[] = [];
  let position = start;
  while (position < text.length) {
    const c = text[position];
    if (c === '"') {
      const close = text.indexOf('"', position + 1);
      if (close < 0) {
        return err(
          parseError(
            'ERROR_INVALID_ACL',
            text,
            position,
            'a closing double quote for the string opened here',
          ),
        );
      }
      position = close;
    } else if (c === '(') {
      open.push(position);
    } else if (c === ')') {
      open.pop();
      if (open.length === 0) return ok(position + 1);
    }
    position++;
  }
  const unclosed = open[open.length - 1] ?? start;
  return err(parseError('ERROR_INVALID_ACL', text, unclosed, 'a ")" to close this "("'));
}
