import { type Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { deref, describeNode, spanOf } from '../schema/nodes.js';
import { type CheckContext, INVALID, type Span } from '../schema/schema.js';
import { lineColumn, type SourceText } from '../source/sourceText.js';
import { type StepDocument, stepSchema } from './documentSchema.js';

/** @internal The steps section, checked step by step: a step that fails its schema check is `undefined`. */
export interface CheckedSteps {
  /** Each step's checked value, or `undefined`. */
  readonly steps: readonly (StepDocument | undefined)[];
  /** Each step's `id` as written (even in a step that failed its check, so references to it still resolve). */
  readonly rawIds: readonly (string | undefined)[];
  /** The line each step starts on. */
  readonly lines: readonly number[];
}

/**
 * @internal Checks the `steps` section one step at a time, so that a problem in one step does not hide the
 * problems of the others; reports a missing section or one that is not a list.
 */
export function checkSteps(
  entry: { readonly value: Node | null; readonly keySpan: Span } | undefined,
  root: Node,
  source: SourceText,
  cx: CheckContext,
): CheckedSteps {
  const steps: (StepDocument | undefined)[] = [];
  const rawIds: (string | undefined)[] = [];
  const lines: number[] = [];
  if (entry === undefined) {
    cx.report({
      code: 'missing-key',
      span: spanOf(root, source.text, { offset: 0, length: Math.min(1, source.text.length) }),
      path: [],
      message: 'the scenario needs the key "steps"',
      found: 'no "steps"',
      expected: '"steps": a list of steps',
    });
  } else if (!isSeq(entry.value)) {
    const found = describeNode(entry.value);
    cx.report({
      code: 'wrong-type',
      span: spanOf(entry.value, source.text, entry.keySpan),
      path: ['steps'],
      message: `expected a list of steps, found ${found}`,
      found,
      expected: 'a list of steps',
    });
  } else {
    entry.value.items.forEach((raw, i) => {
      const node = deref(raw, cx.doc);
      const span = spanOf(node, source.text, entry.keySpan);
      const checked = stepSchema.check(node, ['steps', i], span, cx);
      steps.push(checked === INVALID ? undefined : checked);
      rawIds.push(rawId(node, cx.doc));
      lines.push(lineColumn(source, span.offset).line);
    });
  }
  return { steps, rawIds, lines };
}

function rawId(node: Node | null, doc: Document.Parsed): string | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === 'id');
  const value = deref(pair?.value, doc);
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}
