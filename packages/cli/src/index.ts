/**
 * The `doublehop` command line. Its first command, `doublehop scenario`, replays **scenario files**: a small
 * estate — domains, trusts, users, computers and service accounts with their SPNs and delegation settings — and
 * a list of Kerberos exchanges (AS-REQ, TGS-REQ, S4U2Self, S4U2Proxy, the client's AP-REQ with delegation),
 * each answered by the KDC model of `@doublehop/delegation` exactly as a Windows domain controller would, with
 * the ticket's flags, the error Windows sends (its Kerberos name and number, and the NTSTATUS), and the rules
 * that decided it, each citing MS-SFU, MS-KILE or MS-PAC.
 *
 * @remarks
 * For readers who know Kerberos delegation only vaguely: a user gets a *TGT* from the KDC (AS-REQ), then
 * *service tickets* with it (TGS-REQ). A front-end service that must act as the user towards a back end either
 * receives the user's TGT (unconstrained delegation, when the service ticket is OK-AS-DELEGATE), or asks the
 * KDC for a ticket to the back end in the user's name (S4U2Proxy — classic constrained delegation, KCD, listed
 * on the front end; or resource-based, RBCD, listed on the back end), presenting the user's ticket to itself as
 * *evidence* — a ticket it may have obtained without the user's password (S4U2Self, "protocol transition").
 * Whether each step works depends on flags such as FORWARDABLE, on account settings such as "Account is
 * sensitive and cannot be delegated" and Protected Users, and on the KDC's patch level (the Bronze Bit).
 *
 * The package exports:
 * - {@link main} — the command line as a function `(argv, io) → exit code`, for the binary and for tests;
 * - {@link loadScenario} — the loader: text in, a {@link Scenario} or every problem ({@link Diagnostic}) with
 *   its file, line and column out;
 * - {@link scenarioJsonSchema} — the JSON Schema of scenario files, generated from the loader's own checks.
 *
 * The file format and the reports are described in `docs/scenario-files.md`. The model-file commands of the
 * next milestone (`check`, `explain`, `fix`, `graph`) reuse the same loader machinery, diagnostics and output
 * conventions.
 * @packageDocumentation
 */

export type { CliFileSystem, CliIo, OutputStream } from './cli/cliIo.js';
export { main } from './cli/main.js';
export { type InvalidFile, loadScenario } from './scenario/loadScenario.js';
export type {
  ApReqStep,
  AsReqStep,
  Expectation,
  S4u2proxyStep,
  S4u2selfStep,
  Scenario,
  ScenarioStep,
  StepBase,
  StepKind,
  Tamper,
  TgsReqStep,
  TicketSource,
} from './scenario/scenario.js';
export { scenarioJsonSchema } from './scenario/scenarioJsonSchema.js';
export type { Diagnostic, DiagnosticCode } from './source/diagnostic.js';
