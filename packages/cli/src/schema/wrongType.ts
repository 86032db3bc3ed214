import type { Node } from 'yaml';
import { describeNode } from './nodes.js';
import type { CheckContext, Invalid, Path, Span } from './schema.js';
import { INVALID } from './schema.js';

/**
 * @internal Reports a node of the wrong kind (`expected a list (…), found a mapping`) and returns
 * {@link INVALID}, so that a check can end with `return wrongType(…)`.
 *
 * Every schema words this diagnostic the same way, so it is written once: users (and tests) can rely on
 * one `expected …, found …` sentence whichever schema refused the value.
 */
export function wrongType(
  node: Node | null,
  path: Path,
  span: Span,
  cx: CheckContext,
  expected: string,
  hint: string | null = null,
): Invalid {
  cx.report({
    code: 'wrong-type',
    span,
    path,
    message: `expected ${expected}, found ${describeNode(node)}`,
    found: describeNode(node),
    expected,
    hint,
  });
  return INVALID;
}
