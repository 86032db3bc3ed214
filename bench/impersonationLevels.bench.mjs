// Connection-level decisions per second through the pure transition path: connectionLevel runs the connection
// machine with xstate's transition() (client.request → connection.authenticate → server.impersonate; the
// machine's answers to the first two, which carry only plain values, are remembered), next to
// the bare rules it orchestrates (requestedLevel + kerberosDelegationDecision). Prints figures only; it never
// fails on timing. Run with `pnpm bench:levels` (builds first: this imports the compiled packages from dist/).
import { createRequire } from 'node:module';
import { sid, token } from '../packages/core-token/dist/index.js';
import {
  connectionLevel,
  connectionMachine,
  kerberosDelegationDecision,
  requestedLevel,
} from '../packages/impersonation-levels/dist/index.js';
import { bestOf } from './support/bestOf.mjs';

const iis = token({ user: sid('S-1-5-82-1'), type: 'primary', privileges: ['SeImpersonatePrivilege'] });
const plain = token({ user: sid('S-1-5-21-1-2-3-2001'), type: 'primary' });
const delegate = { api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] };
// A mix of the connections a front end sees: Kerberos delegation, NTLM fallback, identify-only RPC, a
// server without SeImpersonatePrivilege.
const inputs = [
  { request: delegate, protocol: 'kerberos', okAsDelegate: true, server: iis },
  { request: delegate, protocol: 'negotiate-ntlm', server: iis },
  {
    request: { api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_DEFAULT' },
    protocol: 'kerberos',
    server: iis,
  },
  { request: { api: 'sspi', flags: [] }, protocol: 'kerberos', server: plain },
];
const expected = ['Delegation', 'Impersonation', 'Identification', 'Identification'];

let n = 0;
function machine() {
  const input = inputs[n++ & 3];
  return connectionLevel(input).level.length;
}
// xstate is the package's dependency, not the root's: resolve it from the package.
const xstatePath = createRequire(
  new URL('../packages/impersonation-levels/package.json', import.meta.url),
).resolve('xstate');
const { initialTransition, transition } = await import(xstatePath);
const [start] = initialTransition(connectionMachine);
function viaTransition() {
  const input = inputs[n++ & 3];
  let [s] = transition(connectionMachine, start, { type: 'client.request', request: input.request });
  [s] = transition(connectionMachine, s, {
    type: 'connection.authenticate',
    protocol: input.protocol,
    okAsDelegate: input.okAsDelegate ?? false,
  });
  [s] = transition(connectionMachine, s, { type: 'server.impersonate', server: input.server });
  return String(s.value).length;
}
function rules() {
  const input = inputs[n++ & 3];
  const asked = requestedLevel(input.request);
  return (
    asked.level.length +
    (kerberosDelegationDecision({
      requested: asked.level === 'Delegation',
      okAsDelegate: input.okAsDelegate ?? false,
      tgtForwardable: true,
      credentialGuard: false,
      protocol: input.protocol,
    }).forwardedTgt
      ? 1
      : 0)
  );
}

inputs.forEach((input, i) => {
  if (connectionLevel(input).level !== expected[i]) {
    throw new Error(`impersonationLevels.bench: case ${i} must land at ${expected[i]}`);
  }
});

const cases = { machine, transition: viaTransition, rules };
const labels = {
  machine: 'connectionLevel: 3 pure steps (the first 2 remembered), one shared inert actor scope',
  transition: "the same 3 steps through xstate's transition() (a new scope each call)",
  rules: 'the bare rules: requestedLevel + kerberosDelegationDecision',
};

const best = bestOf({
  name: 'impersonationLevels.bench',
  url: import.meta.url,
  cases,
  labels,
  describe: `${inputs.length} connection shapes in rotation`,
  unit: '/s',
  labelWidth: 72,
  measureOptions: { warmup: 20_000, batch: 500 },
});
if (best !== null) {
  console.log(
    `summary: ${(best.machine / 1e3).toFixed(1)}k connection-level decisions/s through the pure transition path ` +
      `(${(1e6 / best.machine).toFixed(1)} µs each; ${(best.transition / 1e3).toFixed(1)}k/s through xstate's ` +
      `transition(), which builds a scope per call); the bare rules ${(best.rules / 1e6).toFixed(2)}M/s`,
  );
}
