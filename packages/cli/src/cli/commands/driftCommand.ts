import type { EstateModel } from '@doublehop/delegation';
import { compareDirectories, type Drift } from '../../drift/compareDirectories.js';
import { importDirectory } from '../../import/importDirectory.js';
import { writeImportedModel } from '../../import/writeImportedModel.js';
import { loadModel } from '../../model/loadModel.js';
import { type JunitCase, junitXml } from '../../output/junitXml.js';
import { stableJson } from '../../report/stableJson.js';
import type { JsonValue } from '../../schema/schema.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';
import { loadModelFile } from '../loadInputFile.js';
import { styles } from '../style.js';
import { failed, importSources, printWarnings } from './importCommand.js';

/** @internal `doublehop drift INTENDED --against SOURCE… [--format text|json|junit]`. */
export const driftCommand: Command = {
  name: 'drift',
  summary: "compare a model's directory with the live one (SharpHound), and the verdicts that change",
  usage: 'drift MODEL --against SOURCE… [--format text|json|junit]',
  options: {
    against: {
      type: 'string',
      value: 'SOURCE',
      description:
        'the live directory: a SharpHound zip, a directory of its files, or a JSON file (repeatable)',
    },
    format: {
      type: 'string',
      short: 'f',
      choices: ['text', 'json', 'junit'],
      value: 'text|json|junit',
      description: 'text (default), json, or junit for CI dashboards',
    },
  },
  details: [
    'Imports the live directory as `doublehop import` does and compares it with the directory the model file',
    'intends, account by account for every account the model declares: whether it exists, its userAccountControl',
    'delegation flags, SPNs, msDS-AllowedToDelegateTo, RBCD principals, Protected Users and privileged group',
    "memberships; and each declared trust's TGT delegation. Then it runs the model's flows and assertions on the",
    'live directory and names every verdict that changes, and the lint findings about the model’s services that',
    'appear. SOURCE may follow --against, or come after the model: drift estate.yaml --against a.zip b.json.',
    '',
    'Exit status: 0 no drift; 1 drift; 2 an invalid model or source, or a usage error.',
  ].join('\n'),
  run(commandLine, cx) {
    const [model, ...more] = commandLine.positionals;
    const against = commandLine.values['against'];
    if (model === undefined) {
      throw new UsageError(
        'drift: no model file given',
        'doublehop drift estate.yaml --against collection.zip',
      );
    }
    if (typeof against !== 'string') {
      throw new UsageError(
        'drift: no live directory given',
        `doublehop drift ${model} --against collection.zip`,
      );
    }
    const style = styles(cx.colorErr);
    const intended = loadModelFile(cx, model);
    if (!intended.ok) return 2;
    cx.progress.phase('importing the live directory');
    const sources = importSources(cx, [against, ...more]);
    if (!Array.isArray(sources)) return failed(cx, style, sources.error);
    const imported = importDirectory(sources);
    if (!imported.ok) return failed(cx, style, imported.error);
    printWarnings(cx, style, imported.value.warnings);
    const live = loadModel('the live directory', writeImportedModel(imported.value, 'yaml'));
    if (!live.ok) {
      cx.stderr.write(
        `${style.error('error')}: the live directory cannot be loaded: ${live.error.diagnostics[0]?.message ?? ''}\n`,
      );
      return 2;
    }
    cx.progress.phase('comparing');
    const drift = compareDirectories(intended.value.model, liveModel(intended.value.model, live.value.model));
    const drifted =
      drift.facts.length + drift.flows.length + drift.assertions.length + drift.findings.length > 0 ||
      drift.unevaluated !== null;
    const exitCode = drifted ? 1 : 0;
    const collected = [...new Set(imported.value.files.map((f) => f.collected).filter((c) => c !== null))];
    const sourceNames = [against, ...more];
    const format = commandLine.values['format'];
    if (format === 'json') {
      cx.stdout.write(
        stableJson({
          format: 'doublehop-drift-report',
          version: 1,
          exitCode,
          model,
          sources: sourceNames,
          collected,
          ...drift,
        } as unknown as JsonValue),
      );
    } else if (format === 'junit') cx.stdout.write(junit(model, drift));
    else cx.stdout.write(text(model, sourceNames, collected, drift, styles(cx.colorOut)));
    return exitCode;
  },
};

/**
 * The model over the live directory: the live domains, trusts and accounts; the model's machines (their local
 * settings are not in a directory) and the live directory's other computers; the model's services, flows and
 * assertions.
 */
function liveModel(intended: EstateModel, live: EstateModel): EstateModel {
  const declared = new Set((intended.machines ?? []).map((m) => m.name.toUpperCase()));
  return {
    ...intended,
    domains: live.domains ?? [],
    ...(live.trusts === undefined ? { trusts: [] } : { trusts: live.trusts }),
    accounts: live.accounts ?? [],
    machines: [
      ...(intended.machines ?? []),
      ...(live.machines ?? []).filter((m) => !declared.has(m.name.toUpperCase())),
    ],
  };
}

function text(
  model: string,
  sources: readonly string[],
  collected: readonly (string | null)[],
  drift: Drift,
  style: ReturnType<typeof styles>,
): string {
  const out = [
    `${style.bold(model)} against ${sources.join(', ')}${collected.length === 0 ? '' : ` (collected ${collected.join(', ')})`}`,
  ];
  if (drift.facts.length > 0) {
    out.push('  facts');
    const width = Math.max(...drift.facts.map((f) => f.subject.length));
    for (const f of drift.facts) {
      out.push(
        `  ${style.error('✗')} ${f.subject.padEnd(width)}  ${f.fact}: intended ${f.intended}; live ${f.live}`,
      );
    }
  }
  if (
    drift.flows.length + drift.assertions.length + drift.findings.length > 0 ||
    drift.unevaluated !== null
  ) {
    out.push('  consequences');
    if (drift.unevaluated !== null) {
      out.push(
        `  ${style.error('✗')} the model's flows cannot run on the live directory: ${drift.unevaluated}`,
      );
    }
    for (const f of drift.flows) {
      out.push(`  ${style.error('✗')} flow ${f.flow}: intended ${f.intended}; live ${f.live}`);
    }
    for (const a of drift.assertions) {
      out.push(
        `  ${a.live ? style.ok('✓') : style.error('✗')} assertion ${a.index + 1} (${a.kind}) ${a.live ? 'now holds' : 'no longer holds'}: ${a.message}`,
      );
    }
    for (const l of drift.findings) out.push(`  ${style.warn('!')} ${l}`);
  }
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  out.push(
    '',
    `summary: ${n(drift.facts.length, 'fact')} drifted, ${n(drift.flows.length, 'flow')} and ${n(drift.assertions.length, 'assertion')} changed, ${n(drift.findings.length, 'new finding')}`,
  );
  return `${out.join('\n')}\n`;
}

function junit(model: string, drift: Drift): string {
  const fail = (type: string, message: string): JunitCase['failure'] => ({
    kind: 'failure',
    type,
    message,
    text: message,
  });
  const cases: JunitCase[] = [
    ...drift.facts.map((f) => ({
      name: `${f.subject} ${f.fact}`,
      classname: `${model}.facts`,
      failure: fail('fact', `intended ${f.intended}; live ${f.live}`),
    })),
    ...drift.flows.map((f) => ({
      name: `flow ${f.flow}`,
      classname: `${model}.flows`,
      failure: fail('flow', `intended ${f.intended}; live ${f.live}`),
    })),
    ...drift.assertions.map((a) => ({
      name: `assertion ${a.index + 1} ${a.kind}`,
      classname: `${model}.assertions`,
      failure: a.live ? null : fail('assertion', a.message),
    })),
    ...drift.findings.map((l) => ({ name: l, classname: `${model}.lints`, failure: fail('lint', l) })),
    ...(drift.unevaluated === null
      ? []
      : [{ name: 'flows', classname: `${model}.flows`, failure: fail('unevaluated', drift.unevaluated) }]),
  ];
  if (cases.length === 0) cases.push({ name: 'no drift', classname: model, failure: null });
  return junitXml('doublehop drift', [{ name: model, cases }]);
}
