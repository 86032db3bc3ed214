// The harness the benchmarks share: each case runs in a fresh process (so one case's JIT feedback does
// not slow another), rounds are interleaved (so a busy moment on the machine does not fall on one case
// only), and the best of the rounds is reported. Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Runs `fn` for at least `seconds` after a warm-up, in batches; `afterBatch` runs after each batch (e.g.
 * to empty a trace the cases append to). Returns runs per second.
 */
export function measure(fn, { seconds = 1.2, warmup, batch, afterBatch = () => {} }) {
  let sink = 0;
  for (let done = 0; done < warmup; done += batch) {
    for (let i = 0; i < batch; i++) sink ^= fn();
    afterBatch();
  }
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BigInt(seconds * 1e9)) {
    for (let i = 0; i < batch; i++) sink ^= fn();
    afterBatch();
    runs += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  return { perSecond: runs / (Number(elapsed) / 1e9), sink };
}

/**
 * The benchmark's entry point. Run with a case name (child mode), it measures that case and prints JSON;
 * run without, it starts one child per case and round, prints the header and one labelled line per case,
 * and returns the best runs per second by case (`null` in child mode).
 */
export function bestOf({ name, url, cases, labels, describe, unit, labelWidth, measureOptions, rounds = 3 }) {
  const only = process.argv[2];
  if (only !== undefined) {
    const fn = cases[only];
    if (fn === undefined) throw new Error(`${name}: unknown case ${only}`);
    console.log(JSON.stringify(measure(fn, measureOptions)));
    return null;
  }
  const self = fileURLToPath(url);
  console.log(
    `${describe}; node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}; ` +
      `best of ${rounds} runs of >= ${measureOptions.seconds ?? 1.2} s, each case in its own process`,
  );
  const best = Object.fromEntries(Object.keys(cases).map((key) => [key, 0]));
  for (let round = 0; round < rounds; round++) {
    for (const key of Object.keys(cases)) {
      const out = execFileSync(process.execPath, [self, key], { encoding: 'utf8' });
      best[key] = Math.max(best[key], JSON.parse(out.trim().split('\n').pop()).perSecond);
    }
  }
  for (const key of Object.keys(cases)) {
    console.log(
      `${labels[key].padEnd(labelWidth)} ${Math.round(best[key]).toLocaleString('en-US').padStart(12)} ${unit}`,
    );
  }
  return best;
}
