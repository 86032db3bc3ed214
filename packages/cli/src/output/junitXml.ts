import { escapeXml, openTag } from './xml.js';

/** @internal One JUnit test case: a check that held, failed, or could not run (an error). */
export interface JunitCase {
  /** The test's name (`assertion reaches sql as alice`, `lint spn-duplicate HTTP/web01`). */
  readonly name: string;
  /** The group it belongs to (the file, plus `assertions` or `lints`). */
  readonly classname: string;
  /** `null` when it held; else why it failed. */
  readonly failure: {
    /** `failure` (a check that did not hold) or `error` (input that could not be checked). */
    readonly kind: 'failure' | 'error';
    /** A short type (`assertion`, a lint rule id, a diagnostic code). */
    readonly type: string;
    /** One line. */
    readonly message: string;
    /** Details, multi-line. */
    readonly text: string;
  } | null;
  /** Printed under `<system-out>` (e.g. a warning that does not fail the build). */
  readonly output?: string;
}

/** @internal One JUnit test suite: the cases of one input file. */
export interface JunitSuite {
  /** The suite's name (the file). */
  readonly name: string;
  /** Its cases, in order. */
  readonly cases: readonly JunitCase[];
}

/**
 * @internal A JUnit XML report (the Ant/Jenkins "junit-10" shape GitLab, GitHub test reporters, Azure DevOps
 * and Jenkins read): `<testsuites>` with totals, a `<testsuite>` per file, a `<testcase>` per check, and a
 * `<failure>` or `<error>` child when it did not hold. No `time` or `timestamp` attributes: the report depends
 * only on its input.
 */
export function junitXml(name: string, suites: readonly JunitSuite[]): string {
  const count = (cases: readonly JunitCase[], kind: 'failure' | 'error'): number =>
    cases.filter((c) => c.failure?.kind === kind).length;
  const all = suites.flatMap((s) => s.cases);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `${openTag('testsuites', [
      ['name', name],
      ['tests', all.length],
      ['failures', count(all, 'failure')],
      ['errors', count(all, 'error')],
    ])}>`,
  );
  for (const suite of suites) {
    out.push(
      `  ${openTag('testsuite', [
        ['name', suite.name],
        ['tests', suite.cases.length],
        ['failures', count(suite.cases, 'failure')],
        ['errors', count(suite.cases, 'error')],
        ['skipped', 0],
      ])}>`,
    );
    for (const c of suite.cases) {
      const open = `    ${openTag('testcase', [
        ['name', c.name],
        ['classname', c.classname],
      ])}`;
      if (c.failure === null && c.output === undefined) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (c.failure !== null) {
        out.push(
          `      ${openTag(c.failure.kind, [
            ['message', c.failure.message],
            ['type', c.failure.type],
          ])}>${escapeXml(c.failure.text)}</${c.failure.kind}>`,
        );
      }
      if (c.output !== undefined) out.push(`      <system-out>${escapeXml(c.output)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
