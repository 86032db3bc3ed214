import { Document, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * @internal Parses a text that is strict JSON (RFC 8259) into the same document the YAML parser builds for it —
 * the same node classes, values, scalar types and source ranges — in a small fraction of its time, so a large
 * imported directory loads at the speed of its size. Returns `null` for anything else, and for the JSON texts
 * on which the YAML parser reads differently or might (a byte-order mark, a lone carriage return — a line break
 * to JSON, part of a plain scalar to the YAML parser — a tab between tokens, and nesting deeper than 256): the caller then parses with the YAML parser,
 * which reports problems as it always has. The test suite compares both parsers on random JSON.
 */
export function parseJsonDocument(text: string): Document.Parsed | null {
  const parser = new JsonParser(text);
  try {
    parser.space();
    const root = parser.value(0);
    const end = parser.at;
    parser.space();
    if (parser.at !== text.length) return null;
    const doc = new Document() as Document.Parsed;
    // Every node carries its range, as a parsed node does.
    doc.contents = root as Document.Parsed['contents'];
    doc.range = [root.range?.[0] ?? 0, end, text.length];
    return doc;
  } catch (e) {
    if (e === NOT_JSON) return null;
    throw e;
  }
}

const NOT_JSON = Symbol('not JSON');
const MAX_DEPTH = 256;
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

type JsonNode = Scalar | YAMLMap | YAMLSeq;

/**
 * The YAML parser's node classes, each behind a prototype that carries the node's type tag. yaml's constructors
 * define that tag on every node with Object.defineProperty — slow, and an extra property store per node; for the
 * two million nodes of a 100 000-account directory, nodes made from these prototypes take a third less memory
 * and time. `isScalar` and the others read the tag through the prototype just the same (checked below: if a
 * yaml release stores the tag otherwise, the constructors are used).
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
const tagged = <T extends object>(proto: T, tag: string): T =>
  Object.create(proto, { [NODE_TYPE]: { value: Symbol.for(tag) } }) as T;
const SCALAR = tagged(Scalar.prototype, 'yaml.scalar');
const MAP = tagged(YAMLMap.prototype, 'yaml.map');
const SEQ = tagged(YAMLSeq.prototype, 'yaml.seq');
const PAIR = tagged(Pair.prototype, 'yaml.pair');
const TAGS_WORK =
  isScalar(Object.create(SCALAR)) &&
  isMap(Object.create(MAP)) &&
  isSeq(Object.create(SEQ)) &&
  isPair(Object.create(PAIR));

function newScalar(value: unknown): Scalar {
  if (!TAGS_WORK) return new Scalar(value);
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  return node;
}

function newMap(): YAMLMap {
  if (!TAGS_WORK) return new YAMLMap();
  const node = Object.create(MAP) as YAMLMap;
  node.items = [];
  return node;
}

function newSeq(): YAMLSeq {
  if (!TAGS_WORK) return new YAMLSeq();
  const node = Object.create(SEQ) as YAMLSeq;
  node.items = [];
  return node;
}

function newPair(key: Scalar, value: JsonNode): Pair {
  if (!TAGS_WORK) return new Pair(key, value);
  const pair = Object.create(PAIR) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

class JsonParser {
  at = 0;
  constructor(private readonly text: string) {}

  /**
   * Skips JSON whitespace. A carriage return must start a CRLF pair (the YAML parser reads a lone one as part of a
   * scalar), and a tab sends the text to the YAML parser, which refuses tabs where they would indent a node.
   */
  space(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.at);
      if (c === 0x20 || c === 0x0a) this.at++;
      else if (c === 0x0d) {
        if (t.charCodeAt(this.at + 1) !== 0x0a) throw NOT_JSON;
        this.at += 2;
      } else return;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw NOT_JSON;
    const c = this.text.charCodeAt(this.at);
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x22) return this.string();
    return this.plain();
  }

  object(depth: number): YAMLMap {
    const map = newMap();
    map.flow = true;
    const start = this.at++;
    this.space();
    if (this.text.charCodeAt(this.at) !== 0x7d) {
      for (;;) {
        if (this.text.charCodeAt(this.at) !== 0x22) throw NOT_JSON;
        const key = this.string();
        this.space();
        if (this.text.charCodeAt(this.at++) !== 0x3a) throw NOT_JSON;
        this.space();
        map.items.push(newPair(key, this.value(depth + 1)));
        this.space();
        const next = this.text.charCodeAt(this.at);
        if (next === 0x7d) break;
        if (next !== 0x2c) throw NOT_JSON;
        this.at++;
        this.space();
      }
    }
    this.at++;
    map.range = [start, this.at, this.at];
    return map;
  }

  array(depth: number): YAMLSeq {
    const seq = newSeq();
    seq.flow = true;
    const start = this.at++;
    this.space();
    if (this.text.charCodeAt(this.at) !== 0x5d) {
      for (;;) {
        seq.items.push(this.value(depth + 1));
        this.space();
        const next = this.text.charCodeAt(this.at);
        if (next === 0x5d) break;
        if (next !== 0x2c) throw NOT_JSON;
        this.at++;
        this.space();
      }
    }
    this.at++;
    seq.range = [start, this.at, this.at];
    return seq;
  }

  string(): Scalar {
    const t = this.text;
    const start = this.at++;
    let value = '';
    let from = this.at;
    for (;;) {
      const c = t.charCodeAt(this.at);
      if (Number.isNaN(c) || c < 0x20) throw NOT_JSON;
      if (c === 0x22) break;
      if (c !== 0x5c) {
        this.at++;
        continue;
      }
      value += t.slice(from, this.at);
      const e = t[this.at + 1] ?? '';
      if (e === 'u') {
        const hex = t.slice(this.at + 2, this.at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_JSON;
        value += String.fromCharCode(Number.parseInt(hex, 16));
        this.at += 6;
      } else {
        const escaped = ESCAPES[e];
        if (escaped === undefined) throw NOT_JSON;
        value += escaped;
        this.at += 2;
      }
      from = this.at;
    }
    value += t.slice(from, this.at);
    this.at++;
    return scalar(value, 'QUOTE_DOUBLE', start, this.at);
  }

  /** A number, `true`, `false` or `null`, valued as YAML 1.2's core schema values them. */
  plain(): Scalar {
    const t = this.text;
    const start = this.at;
    let source: string;
    let value: unknown;
    if (t.startsWith('true', start)) [source, value] = ['true', true];
    else if (t.startsWith('false', start)) [source, value] = ['false', false];
    else if (t.startsWith('null', start)) [source, value] = ['null', null];
    else {
      NUMBER.lastIndex = start;
      const m = NUMBER.exec(t);
      if (m === null || m[0] === '') throw NOT_JSON;
      source = m[0];
      value = INTEGER.test(source) ? Number.parseInt(source, 10) : Number.parseFloat(source);
    }
    this.at = start + source.length;
    // A plain scalar runs on until a flow indicator or a line break: `truex` or `1a` is one YAML string.
    const after = t.charCodeAt(this.at);
    if (!(Number.isNaN(after) || after === 0x2c || after === 0x5d || after === 0x7d || after <= 0x20)) {
      throw NOT_JSON;
    }
    return scalar(value, 'PLAIN', start, this.at);
  }
}

function scalar(value: unknown, type: Scalar.Type, start: number, end: number): Scalar {
  const node = newScalar(value);
  node.range = [start, end, end];
  node.type = type;
  return node;
}
