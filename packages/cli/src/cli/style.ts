/** @internal Text styles for terminal output; all identity functions when color is off. */
export interface Style {
  /** Errors, failed expectations. */
  readonly error: (s: string) => string;
  /** Success, held expectations. */
  readonly ok: (s: string) => string;
  /** Warnings, skipped steps. */
  readonly warn: (s: string) => string;
  /** Headlines. */
  readonly bold: (s: string) => string;
  /** Secondary text. */
  readonly dim: (s: string) => string;
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`;

/** @internal ANSI styles when `color`, else plain text. */
export function styles(color: boolean): Style {
  if (!color) {
    const id = (s: string): string => s;
    return { error: id, ok: id, warn: id, bold: id, dim: id };
  }
  return { error: sgr(31, 39), ok: sgr(32, 39), warn: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}

/**
 * @internal Whether to color: only when the stream is a terminal, NO_COLOR is unset or empty
 * (https://no-color.org) and TERM is not `dumb`.
 */
export function useColor(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return isTTY === true && env['TERM'] !== 'dumb';
}
