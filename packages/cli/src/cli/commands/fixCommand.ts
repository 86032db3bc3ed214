import type { ImpersonationLevel } from '@doublehop/core-token';
import { proposeFixes, verdictAtLevel } from '@doublehop/delegation';
import { fixMarkdown, fixText } from '../../report/fixReport.js';
import { stableJson } from '../../report/stableJson.js';
import type { JsonValue } from '../../schema/schema.js';
import { closest } from '../../schema/suggest.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';
import { loadModelFile } from '../loadInputFile.js';
import { styles } from '../style.js';

/** @internal The version of the fix JSON report's shape (docs/fixes.md). */
export const FIX_REPORT_VERSION = 1;

/** @internal `doublehop fix FILE --flow NAME [--format text|json|md]`. */
export const fixCommand: Command = {
  name: 'fix',
  summary: 'propose the least-privilege changes that make a failing flow reach, each proven',
  usage: 'fix FILE --flow NAME [--at-least LEVEL] [--format text|json|md]',
  options: {
    flow: { type: 'string', value: 'NAME', description: 'the flow to fix (a key under flows)' },
    'at-least': {
      type: 'string',
      choices: ['Identification', 'Impersonation', 'Delegation'],
      value: 'LEVEL',
      description:
        "the level the user's identity must reach the last service at (default: the file's reaches assertion for it, else Impersonation)",
    },
    format: {
      type: 'string',
      short: 'f',
      choices: ['text', 'json', 'md'],
      value: 'text|json|md',
      description: 'text (default) for people, json for tools, md for a pull request or a ticket',
    },
  },
  details: [
    'Evaluates one flow of a model file with @doublehop/delegation and, where it stops, proposes the changes that',
    "make it reach: RBCD on the back end for the front end alone, the one SPN in the front end's",
    'msDS-AllowedToDelegateTo (Kerberos only, or with protocol transition), unconstrained delegation, setspn to',
    'register or remove an SPN, CredSSP for WinRM — or, for a sensitive or Protected Users account, why no',
    'configuration should. Each comes with the exact PowerShell / setspn commands, the exposure it adds (who could',
    'then impersonate whom to which SPNs, every SPN of the target account counted: service-name substitution),',
    'and its proof: the flow evaluated again with the change applied. Ranked least exposure first.',
    'A flow whose user arrives at the last service below the level required (--at-least) stops there for the',
    "level's reason: the client asked only to identify, or the server lacks SeImpersonatePrivilege.",
    '',
    'Exit status: 0 the flow already reaches, or at least one fix is proven; 1 no proven fix; 2 the file is',
    'invalid, the flow does not exist, or a usage error. Ranking and exposure: docs/fixes.md.',
  ].join('\n'),
  run(commandLine, cx) {
    const [file, ...rest] = commandLine.positionals;
    if (file === undefined) throw new UsageError('fix: no file given', 'doublehop fix FILE --flow NAME');
    if (rest.length > 0)
      throw new UsageError(`fix: one file at a time, not ${commandLine.positionals.length}`);
    const flow = commandLine.values['flow'];
    if (typeof flow !== 'string')
      throw new UsageError('fix: which flow?', `doublehop fix ${file} --flow NAME`);
    const loaded = loadModelFile(cx, file);
    if (!loaded.ok) return 2;
    const model = loaded.value.model;
    const names = (model.flows ?? []).map((f) => f.name);
    if (!names.includes(flow)) {
      const near = closest(flow, names);
      throw new UsageError(
        `fix: ${file} has no flow "${flow}"`,
        near !== undefined
          ? `did you mean "${near}"?`
          : names.length === 0
            ? 'the file declares no flows'
            : `its flows: ${[...names].sort().join(', ')}`,
      );
    }
    const level = commandLine.values['at-least'] as ImpersonationLevel | undefined;
    cx.progress.phase(`evaluating the flow ${flow} of ${file}`);
    const verdict = verdictAtLevel(model, flow, level);
    cx.progress.phase(`proving fixes for the flow ${flow} of ${file}`);
    const fixes = proposeFixes(model, flow, level === undefined ? {} : { atLeast: level });
    const exitCode = verdict.reached || fixes.some((f) => f.proven) ? 0 : 1;
    const format = commandLine.values['format'];
    cx.stdout.write(
      format === 'json'
        ? stableJson({
            format: 'doublehop-fix-report',
            version: FIX_REPORT_VERSION,
            file,
            flow,
            reached: verdict.reached,
            whyNot: JSON.parse(JSON.stringify(verdict.whyNot)) as JsonValue,
            exitCode,
            fixes: JSON.parse(JSON.stringify(fixes)) as JsonValue,
          })
        : format === 'md'
          ? fixMarkdown(file, verdict, fixes)
          : fixText(file, verdict, fixes, styles(cx.colorOut)),
    );
    return exitCode;
  },
};
