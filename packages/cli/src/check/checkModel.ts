import { evaluateAssertions, lintAssertionMatches, lintEstate } from '@doublehop/delegation';
import type { Progress } from '../cli/progress.js';
import type { ModelFile } from '../model/modelFile.js';
import type { CheckFileResult } from './checkResult.js';

/**
 * @internal Runs the engine's lints and assertions over a loaded model (`lintEstate`, `evaluateAssertions`) and
 * decides, for the command's exit status, which findings fail: an error, or a warning with `failOnWarn` — unless
 * a `lint` assertion of the file names the finding's rule (and subject, when it gives one), which makes it an
 * expected finding that the assertion itself checks.
 */
export function checkModel(loaded: ModelFile, failOnWarn: boolean, progress?: Progress): CheckFileResult {
  const { model } = loaded;
  progress?.phase(`linting ${loaded.file}`);
  const expectations = (model.assertions ?? []).flatMap((a) =>
    'lint' in a && a.lint.present !== false ? [a.lint] : [],
  );
  const lints = lintEstate(model).map((finding) => {
    const expected = expectations.some((e) => lintAssertionMatches(e, finding));
    const fails = !expected && (finding.severity === 'error' || failOnWarn);
    return { finding, expected, fails };
  });
  progress?.phase(`checking the assertions of ${loaded.file}`);
  const assertions = evaluateAssertions(model).map((result) => ({
    result,
    line: loaded.lines[`assertions[${result.index}]`] ?? 0,
  }));
  return { valid: true, file: loaded.file, assertions, lints };
}
