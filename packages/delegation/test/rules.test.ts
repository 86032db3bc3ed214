import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { createKdc, KDC_NT_STATUS, KDC_RULES, KRB_ERROR_CODES } from '../src/index.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );

describe('the rule catalogue and the error tables', () => {
  it('every rule names a document section and is applied somewhere in the KDC', () => {
    const code = sources(src)
      .join('\n')
      .replace(/export const KDC_RULES = Object\.freeze\(\{[\s\S]*?\n\} as const\);/, '');
    expect(code).not.toContain("'s4u2proxy.rbcd-referral': {");
    for (const [id, rule] of Object.entries(KDC_RULES)) {
      expect(rule.source).toMatch(/MS-|RFC|KB|CVE|Samba|Heimdal|Shamir|Karnes|KDC event/);
      expect(code.includes(`'${id}'`), id).toBe(true);
    }
  });

  it('RFC 4120 7.5.9 numbers the errors, MS-ERREF 2.3.1 the NTSTATUS codes', () => {
    expect(KRB_ERROR_CODES).toMatchObject({
      KDC_ERR_S_PRINCIPAL_UNKNOWN: 7,
      KDC_ERR_POLICY: 12,
      KDC_ERR_BADOPTION: 13,
      KRB_AP_ERR_BADMATCH: 36,
      KRB_AP_ERR_MODIFIED: 41,
    });
    expect(KDC_NT_STATUS.STATUS_NO_MATCH).toBe(0xc0000272);
    expect(KDC_NT_STATUS.STATUS_NOT_FOUND).toBe(0xc0000225);
  });

  it('createKdc defaults to a patched KDC and throws for a non-directory', () => {
    expect(createKdc(directory({ domains: [{ dnsName: 'corp.example' }] })).patched).toBe(true);
    expect(() => createKdc({} as never)).toThrow(/^createKdc: /);
  });
});
