/**
 * @internal Escapes text for an XML attribute value or text node: the five predefined entities, and characters
 * XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage return; lone surrogates; U+FFFE
 * and U+FFFF) replaced by U+FFFD, so the output is always well-formed.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const allowed =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      (c >= 0x10000 && c <= 0x10ffff);
    out += allowed ? (XML_ENTITIES[ch] ?? ch) : '\ufffd';
  }
  return out;
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** @internal An element's attributes, in the order given (absent values are left out). */
export type XmlAttributes = readonly (readonly [string, string | number | undefined])[];

/** @internal `<name a="1" b="2"` (no closing bracket). */
export function openTag(name: string, attributes: XmlAttributes): string {
  const attrs = attributes
    .filter((a): a is readonly [string, string | number] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return `<${name}${attrs}`;
}
