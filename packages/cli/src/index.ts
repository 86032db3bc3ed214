/**
 * The `doublehop` command line. Its main commands read **model files**: an estate described once — domains,
 * trusts, users, computers and service accounts with their SPNs and delegation settings, the machines, the
 * services running on them (as whom, reached at which endpoint, accepting which authentication, calling which
 * other services), the **flows** users start, and **assertions** about them. `doublehop check` runs the lints
 * and assertions of `@doublehop/delegation` over them and gates CI; `doublehop explain` tells one flow's story
 * hop by hop with a Mermaid sequence diagram; `doublehop graph` draws the estate with its delegation edges.
 * `doublehop scenario` replays **scenario files** — the same directory and a list of Kerberos exchanges
 * (AS-REQ, TGS-REQ, S4U2Self, S4U2Proxy, the client's AP-REQ) — against the KDC model, step by step.
 *
 * @remarks
 * For readers who know Kerberos delegation only vaguely: a user gets a *TGT* from the KDC (AS-REQ), then
 * *service tickets* with it (TGS-REQ). A front-end service that must act as the user towards a back end — the
 * "double hop" — either receives the user's TGT (unconstrained delegation, when the service ticket is
 * OK-AS-DELEGATE), or asks the KDC for a ticket to the back end in the user's name (S4U2Proxy — classic
 * constrained delegation, KCD, listed on the front end; or resource-based, RBCD, listed on the back end),
 * presenting the user's ticket to itself as *evidence* — a ticket it may have obtained without the user's
 * password (S4U2Self, "protocol transition"). Without any of these (or when the user arrived with NTLM), the
 * back end sees ANONYMOUS LOGON. Whether each step works depends on flags such as FORWARDABLE, on account
 * settings such as "Account is sensitive and cannot be delegated" and Protected Users, on Credential Guard, on
 * trusts, and on the KDC's patch level. This package decides none of it: it reads files, calls the engine, and
 * writes reports.
 *
 * The package exports:
 * - {@link main} — the command line as a function `(argv, io) → exit code`, for the binary and for tests;
 * - {@link loadModel} — the model-file loader: text in, `@doublehop/delegation`'s `EstateModel` (a
 *   {@link ModelFile}) or every problem ({@link Diagnostic}) with its file, line and column out;
 * - {@link loadScenario} — the scenario-file loader: text in, a {@link Scenario} or every problem out;
 * - {@link modelJsonSchema}, {@link scenarioJsonSchema} — the JSON Schemas of both formats, generated from the
 *   loaders' own checks, for editors.
 *
 * The formats and the reports are described in `docs/model-files.md` and `docs/scenario-files.md`.
 * @packageDocumentation
 */

export type { CliFileSystem, CliIo, OutputStream } from './cli/cliIo.js';
export { main } from './cli/main.js';
export {
  type ImportedDirectory,
  type ImportedFile,
  importDirectory,
} from './import/importDirectory.js';
export type {
  ImportError,
  ImportErrorCode,
  ImportWarning,
  ImportWarningCode,
} from './import/importProblems.js';
export type { ImportCounts, ImportedDocument } from './import/modelFromFacts.js';
export type { ImportSource } from './import/unpackSources.js';
export { writeImportedModel } from './import/writeImportedModel.js';
export { type LoadModelOptions, loadModel } from './model/loadModel.js';
export type { ModelFile } from './model/modelFile.js';
export { modelJsonSchema } from './model/modelJsonSchema.js';
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
