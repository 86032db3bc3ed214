import { readFileSync } from 'node:fs';
import { type ImportSource, importDirectory, loadModel, writeImportedModel } from '@doublehop/cli';
import { delegationDirectoryArbitrary, sharpHoundCollection } from '@doublehop/delegation/testing';
import { type Account, type Directory, directory } from '@doublehop/logon';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

function sourcesOf(dir: Directory, version: 5 | 6): ImportSource[] {
  const c = sharpHoundCollection(dir, version);
  return (['users', 'computers', 'groups', 'domains'] as const).map((k) => ({
    name: `20261208000000_${k}.json`,
    bytes: encode(c[k]),
  }));
}

function reimported(sources: readonly ImportSource[]): { text: string; dir: Directory } {
  const r = importDirectory(sources);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} at ${r.error.file} ${r.error.path}`);
  const text = writeImportedModel(r.value, 'yaml');
  const loaded = loadModel('imported.yaml', text);
  if (!loaded.ok) throw new Error(`${loaded.error.diagnostics.map((d) => d.message).join('\n')}\n${text}`);
  const m = loaded.value.model;
  return {
    text,
    dir: directory({ domains: m.domains ?? [], trusts: m.trusts ?? [], accounts: m.accounts ?? [] }),
  };
}

const DELEGATION_BITS = 0x2 | 0x80000 | 0x100000 | 0x1000000;
const sids = (list: readonly { text: string }[] | undefined) => (list ?? []).map((s) => s.text).sort();

/** The delegation facts of an account, as drift and exposure read them. */
function facts(a: Account): unknown {
  const common = { kind: a.kind, name: a.samAccountName.toLowerCase(), memberOf: sids(a.memberOf) };
  if (a.kind === 'group') return { ...common, members: sids(a.members) };
  return {
    ...common,
    uac: a.userAccountControl & DELEGATION_BITS,
    spns: [...a.servicePrincipalNames].sort(),
    kcd: [...a.allowedToDelegateTo].sort(),
    // SharpHound collects RBCD on computers only (AllowedToAct).
    rbcd: a.kind === 'computer' ? sids(a.allowedToActOnBehalfOfOtherIdentity?.dacl?.map((x) => x.sid)) : [],
    primaryGroup: a.primaryGroupId,
  };
}

describe('properties', () => {
  it('round trip: a directory written as a SharpHound collection (v5 or v6) imports to the same delegation facts', () => {
    fc.assert(
      fc.property(delegationDirectoryArbitrary(), fc.constantFrom<5 | 6>(5, 6), (g, version) => {
        const original = directory(g.init);
        const { dir } = reimported(sourcesOf(original, version));
        const back = new Map(dir.accounts.map((a) => [a.sid.text, a]));
        for (const a of original.accounts) {
          const b = back.get(a.sid.text);
          expect(b, a.samAccountName).toBeDefined();
          expect(facts(b as Account), a.samAccountName).toEqual(facts(a));
        }
        expect(dir.domains.map((d) => [d.dnsName, d.sid.text, d.forest])).toEqual(
          original.domains.map((d) => [d.dnsName, d.sid.text, d.forest]),
        );
        expect(dir.trusts.map((t) => `${t.trusting}>${t.trusted}:${t.type}`)).toEqual(
          original.trusts.map((t) => `${t.trusting}>${t.trusted}:${t.type}`),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('the same objects in any order, as JSON files or in a zip, give the same model byte for byte', () => {
    fc.assert(
      fc.property(delegationDirectoryArbitrary(), fc.infiniteStream(fc.nat()), (g, random) => {
        const c = sharpHoundCollection(directory(g.init));
        const shuffled = (data: readonly unknown[]) =>
          data
            .map((d) => [random.next().value as number, d] as const)
            .sort((x, y) => x[0] - y[0])
            .map(([, d]) => d);
        const kinds = ['users', 'computers', 'groups', 'domains'] as const;
        const plain = kinds.map((k) => ({ name: `${k}.json`, bytes: encode(c[k]) }));
        const reordered = kinds.map((k) => ({
          name: `${k}.json`,
          bytes: encode({ ...c[k], data: shuffled(c[k].data) }),
        }));
        const zipped = {
          name: 'collection.zip',
          bytes: zipSync(Object.fromEntries(kinds.map((k) => [`${k}.json`, encode(c[k])]))),
        };
        const text = reimported(plain).text;
        expect(reimported(plain).text).toBe(text);
        expect(reimported(reordered).text).toBe(text);
        const fromZip = reimported([zipped]).text;
        expect(fromZip.replace(/^#.*\n/gm, '')).toBe(text.replace(/^#.*\n/gm, ''));
      }),
      { numRuns: 25 },
    );
  });

  it('truncated or mutated collections give a typed error naming the file, never an exception', () => {
    const codes = new Set([
      'unreadable-file',
      'too-large',
      'invalid-zip',
      'invalid-json',
      'unknown-format',
      'invalid-value',
      'unsupported-version',
      'no-input',
    ]);
    const [sample] = fc.sample(delegationDirectoryArbitrary(), { numRuns: 1, seed: 7 });
    if (sample === undefined) throw new Error('no sample');
    const base = sharpHoundCollection(directory(sample.init));
    const text = JSON.stringify(base.computers);
    const zip = zipSync({ 'computers.json': new TextEncoder().encode(text) });
    const mutation = fc.oneof(
      // Truncated anywhere.
      fc
        .nat({ max: text.length })
        .map((n) => ({ name: 'c.json', bytes: new TextEncoder().encode(text.slice(0, n)) })),
      fc.nat({ max: zip.length }).map((n) => ({ name: 'c.zip', bytes: zip.slice(0, Math.max(2, n)) })),
      // A byte changed anywhere, in the JSON or in the zip.
      fc.tuple(fc.nat({ max: text.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
        const bytes = new TextEncoder().encode(text);
        bytes[i] = b;
        return { name: 'c.json', bytes };
      }),
      fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
        const bytes = zip.slice();
        bytes[i] = b;
        return { name: 'c.zip', bytes };
      }),
      // A value replaced by any JSON value, at any path.
      fc.tuple(fc.nat(), fc.jsonValue()).map(([i, v]) => {
        const paths: string[][] = [];
        const walk = (x: unknown, p: string[]) => {
          paths.push(p);
          if (x !== null && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, [...p, k]);
        };
        walk(base.computers, []);
        const path = paths[i % paths.length] as string[];
        const copy = structuredClone(base.computers) as unknown as Record<string, unknown>;
        if (path.length === 0) return { name: 'c.json', bytes: encode(v) };
        let at: Record<string, unknown> = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
        at[path[path.length - 1] as string] = v;
        return { name: 'c.json', bytes: encode(copy) };
      }),
    );
    fc.assert(
      fc.property(mutation, (source) => {
        const r = importDirectory([source]);
        if (r.ok) {
          // What imports must also load.
          expect(loadModel('m.yaml', writeImportedModel(r.value, 'yaml')).ok).toBe(true);
        } else {
          expect(codes.has(r.error.code), r.error.code).toBe(true);
          expect(r.error.file.startsWith(source.name)).toBe(true);
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    'ad-export.json',
    'ldapdomaindump/domain_users.json',
    'ldapdomaindump/domain_computers.json',
    'ldapdomaindump/domain_groups.json',
    'ldapdomaindump/domain_trusts.json',
  ])(
    '%s (the collector’s export, ldapdomaindump), truncated or mutated: a typed error, or a model that loads',
    (fixture) => {
      const base = JSON.parse(readFileSync(new URL(`fixtures/${fixture}`, import.meta.url), 'utf8'));
      const text = JSON.stringify(base);
      const paths: string[][] = [];
      const walk = (x: unknown, p: string[]) => {
        paths.push(p);
        if (x !== null && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, [...p, k]);
      };
      walk(base, []);
      const mutation = fc.oneof(
        fc.nat({ max: text.length }).map((n) => new TextEncoder().encode(text.slice(0, n))),
        fc.tuple(fc.nat({ max: paths.length - 1 }), fc.jsonValue()).map(([i, v]) => {
          const path = paths[i] as string[];
          if (path.length === 0) return encode(v);
          const copy = structuredClone(base);
          let at = copy;
          for (const k of path.slice(0, -1)) at = at[k];
          at[path[path.length - 1] as string] = v;
          return encode(copy);
        }),
      );
      fc.assert(
        fc.property(mutation, (bytes) => {
          const r = importDirectory([{ name: 'export.json', bytes }]);
          if (r.ok) expect(loadModel('m.yaml', writeImportedModel(r.value, 'yaml')).ok).toBe(true);
          else expect(r.error.file).toBe('export.json');
        }),
        { numRuns: 200 },
      );
    },
  );

  it('names of any text are written so that YAML reads back exactly the JSON output', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => !/[\\/@]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: (s) => s.toLowerCase() }),
        (names) => {
          const groups = {
            meta: { type: 'groups', count: names.length, version: 6 },
            data: names.map((n, i) => ({
              ObjectIdentifier: `S-1-5-21-1-2-3-${2000 + i}`,
              Properties: { domain: 'CORP.EXAMPLE', samaccountname: n },
              Members: i === 0 ? [] : [{ ObjectIdentifier: 'S-1-5-21-1-2-3-2000', ObjectType: 'Group' }],
            })),
          };
          const r = importDirectory([{ name: `g ${names[0]}.json`, bytes: encode(groups) }]);
          if (!r.ok) throw new Error(r.error.message);
          expect(parse(writeImportedModel(r.value, 'yaml'))).toEqual(
            JSON.parse(writeImportedModel(r.value, 'json')),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
