import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One ```ts block from an `@example` tag, with where it came from. */
export interface DocExample {
  /** Path relative to the repository root. */
  readonly file: string;
  /** 1-based line of the `@example` tag. */
  readonly line: number;
  /** The exported symbol (or member) the comment documents. */
  readonly symbol: string;
  /** The example's TypeScript source. */
  readonly code: string;
}

/** Every TypeScript source file under `dir`, sorted so test names are stable. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found.sort();
}

/** Extracts the ```ts blocks of every `@example` tag in a file's TSDoc comments. */
export function docExamples(path: string, root: string): DocExample[] {
  const text = readFileSync(path, 'utf8');
  const examples: DocExample[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const body = comment[0]
      .split('\n')
      .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\*\/\s*$/, ''))
      .join('\n');
    const after = text.slice((comment.index ?? 0) + comment[0].length);
    const declared =
      /^\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\s+|const\s+|class\s+|interface\s+|type\s+|readonly\s+|get\s+|static\s+)*([A-Za-z_$][\w$]*)/.exec(
        after,
      );
    for (const block of body.matchAll(/@example[\s\S]*?```ts\n([\s\S]*?)```/g)) {
      const offsetInComment = comment[0].indexOf('@example', 0);
      examples.push({
        file: relative(root, path),
        line: text.slice(0, (comment.index ?? 0) + Math.max(offsetInComment, 0)).split('\n').length,
        symbol: declared?.[1] ?? '(anonymous)',
        code: block[1] ?? '',
      });
    }
  }
  return examples;
}

const KEYWORD_START =
  /^(const|let|var|if|for|while|return|import|export|function|class|type|interface|await|throw|new)\b/;

/**
 * Turns `expression; // literal` lines into `__expect(expression, literal);` so an example's comments
 * are checked, not just its code. Only comments that begin with a self-contained JavaScript literal
 * (a string, number, boolean, null/undefined, array or object of those) become assertions; prose such
 * as `// e.g. …` or `// { ok: true, value: Sid(…) }` is left alone.
 */
export function withAssertions(code: string): { code: string; assertions: number } {
  let assertions = 0;
  const lines = code.split('\n').map((line) => {
    const match = /^(\s*)([^/].*?);?\s*\/\/\s*(.+)$/.exec(line);
    if (match === null) return line;
    const [, indent = '', expression = '', comment = ''] = match;
    if (KEYWORD_START.test(expression.trim()) || /[^=!<>]=[^=>]/.test(expression)) return line;
    if (/\bconsole\./.test(expression)) return line;
    const literal = leadingLiteral(comment);
    if (literal === undefined) return line;
    assertions++;
    return `${indent}__expect(${expression.replace(/;\s*$/, '')}, ${literal});`;
  });
  return { code: lines.join('\n'), assertions };
}

/** The longest prefix of `comment` that evaluates, on its own, to a literal value. */
function leadingLiteral(comment: string): string | undefined {
  if (!/^['"[{\d\-tfnu]/.test(comment)) return undefined;
  const cuts = [comment.length];
  for (const m of comment.matchAll(/\s+(?:\(|—|-|\/\/|e\.g\.)|\s{2,}/g)) cuts.push(m.index ?? comment.length);
  for (const cut of [...new Set(cuts)].sort((a, b) => b - a)) {
    const candidate = comment.slice(0, cut).trim();
    if (candidate === '') continue;
    try {
      new Function(`"use strict"; return (${candidate});`)();
      return candidate;
    } catch {
      // not a literal at this length; try a shorter prefix
    }
  }
  return undefined;
}

/** Compiles an example to a JavaScript function body whose imports read from `__modules`. */
export function compileExample(code: string): string {
  const js = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return js
    .replace(/^export \{\};?\s*$/gm, '')
    .replace(
      /^import\s+(?:(\w+)|\{([^}]*)\}|\*\s+as\s+(\w+))\s+from\s+['"]([^'"]+)['"];?/gm,
      (
        _all,
        defaultName: string | undefined,
        named: string | undefined,
        namespace: string | undefined,
        from: string,
      ) => {
        const module = `__modules[${JSON.stringify(from)}]`;
        if (defaultName !== undefined) return `const ${defaultName} = ${module}.default ?? ${module};`;
        if (namespace !== undefined) return `const ${namespace} = ${module};`;
        const bindings = (named ?? '')
          .split(',')
          .map((b) => b.trim())
          .filter((b) => b !== '')
          .map((b) => b.replace(/\s+as\s+/, ': '));
        return `const { ${bindings.join(', ')} } = ${module};`;
      },
    );
}
