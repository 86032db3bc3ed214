import type { EstateModel } from '@doublehop/delegation';

/**
 * A loaded model file: the estate it describes, exactly as `@doublehop/delegation`'s engine takes it, and
 * where each named thing is written, so reports can point at the file.
 *
 * @example
 * ```ts
 * import { loadModel } from '@doublehop/cli';
 *
 * const r = loadModel('m.yaml', [
 *   'accounts: { alice: {} }',
 *   'machines: { WS01: { role: workstation } }',
 * ].join('\n'));
 * r.ok && r.value.model.machines?.[0]?.name; // 'WS01'
 * r.ok && r.value.lines['machines.WS01'];    // 2
 * ```
 * @see docs/model-files.md; {@link loadModel}
 */
export interface ModelFile {
  /** The file name as given. */
  readonly file: string;
  /** The estate, with every name checked and every account reference written `NETBIOS\name`. */
  readonly model: EstateModel;
  /**
   * The 1-based line where each named entry starts, by path: `accounts.alice`, `machines.WEB01`,
   * `services.web`, `flows.report`, `assertions[0]`.
   */
  readonly lines: Readonly<Record<string, number>>;
}
