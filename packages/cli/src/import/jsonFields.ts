import { fail } from './importProblems.js';

/** @internal A JSON object as parsed. */
export type JsonObject = { readonly [key: string]: unknown };

/** @internal Whether a parsed JSON value is an object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * @internal A property of a parsed JSON object, matched as BloodHound's Go decoder matches it: the exact key,
 * else any key equal to it ignoring case (the official fixtures write `SpnTargets` where SharpHound writes
 * `SPNTargets`). Only own properties count: `constructor` or `__proto__` in a file are keys like any other.
 */
export function field(o: JsonObject, key: string): unknown {
  if (Object.hasOwn(o, key)) return o[key];
  const lower = key.toLowerCase();
  for (const k in o) {
    if (Object.hasOwn(o, k) && k.toLowerCase() === lower) return o[k];
  }
  return undefined;
}

/**
 * @internal Reads typed values of one object, stopping the import at the first of the wrong type. Its JSON path
 * is made only when a problem needs it: a collection has millions of nested objects (every ACE is one).
 */
export class Reader {
  /**
   * @param file - the file, for errors
   * @param o - the object
   * @param parent - the reader of the object holding this one, or `null` at the top
   * @param key - the key this object is under in its parent (`''` at the top)
   * @param index - its index when the key holds a list
   */
  constructor(
    readonly file: string,
    readonly o: JsonObject,
    private readonly parent: Reader | null = null,
    private readonly key = '',
    private readonly index: number | undefined = undefined,
  ) {}

  /** The object's JSON path: `data[3].Aces[2]`. */
  get path(): string {
    const base = this.parent === null ? '' : this.parent.path;
    const at = this.key === '' ? base : base === '' ? this.key : `${base}.${this.key}`;
    return this.index === undefined ? at : `${at}[${this.index}]`;
  }

  private wrong(key: string, expected: string, found: unknown): never {
    return fail(
      'invalid-value',
      this.file,
      `${this.path}.${key}`,
      `${key} is ${describeJson(found)}, not ${expected}`,
      expected,
    );
  }

  /** A string, or `undefined` when absent or null. */
  string(key: string): string | undefined {
    const v = field(this.o, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.wrong(key, 'a string', v);
    return v;
  }

  /** A boolean, or `undefined` when absent or null. */
  boolean(key: string): boolean | undefined {
    const v = field(this.o, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') return this.wrong(key, 'true or false', v);
    return v;
  }

  /** A non-negative integer, or `undefined` when absent or null. */
  integer(key: string): number | undefined {
    const v = field(this.o, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      return this.wrong(key, 'a whole number', v);
    return v;
  }

  /** A list of strings (absent or null: empty). */
  strings(key: string): readonly string[] {
    const v = field(this.o, key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.wrong(key, 'a list of strings', v);
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== 'string') return this.wrong(`${key}[${i}]`, 'a string', v[i]);
    }
    return v as string[];
  }

  /** A list of objects (absent or null: empty), a reader for each. */
  objects(key: string): Reader[] {
    const v = field(this.o, key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.wrong(key, 'a list of objects', v);
    const out: Reader[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (!isObject(item)) return this.wrong(`${key}[${i}]`, 'an object', item);
      out[i] = new Reader(this.file, item, this, key, i);
    }
    return out;
  }

  /**
   * Calls `visit` for each object of the list at `key` (absent or null: none), with a reader of it made only when
   * asked for — to stop on a value of the wrong type with its path. For the lists that are most of a collection
   * (every object's ACEs).
   */
  eachObject(key: string, visit: (o: JsonObject, reader: () => Reader) => void): void {
    const v = field(this.o, key);
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) this.wrong(key, 'a list of objects', v);
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (!isObject(item)) this.wrong(`${key}[${i}]`, 'an object', item);
      visit(item, () => new Reader(this.file, item, this, key, i));
    }
  }

  /** An object, or `undefined` when absent or null. */
  object(key: string): JsonObject | undefined {
    const v = field(this.o, key);
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) return this.wrong(key, 'an object', v);
    return v;
  }

  /** A reader of the object at `key` (absent or null: an empty object). */
  nested(key: string): Reader {
    return new Reader(this.file, this.object(key) ?? {}, this, key);
  }

  /** A string or a whole number (an enum written either way), or `undefined`. */
  stringOrInteger(key: string): string | number | undefined {
    const v = field(this.o, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v))) return v;
    return this.wrong(key, 'a name or a number', v);
  }
}

/** @internal A short description of a JSON value for an error message (never the whole value). */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'number' ? 'the number' : ''} ${String(v)}`.trim();
}
