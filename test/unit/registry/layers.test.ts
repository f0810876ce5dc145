// The layering of backend/src, as the README's architecture section writes it: a folder imports
// only from its own layer and the layers before it, and two folders never import each other.
// Every file's static imports, `export … from` and `import('…')` with a string literal are read with
// TypeScript's own pre-processor (no regex over source), type-only imports included.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SRC = join(REPO, 'backend/src');
/** The README line that names the layers, lowest first: `core → scope, config, protocols → … → cli.ts, main.ts`. */
const LAYER_LINE = /^core\s*→.*$/m;

/** Layers from the README, lowest first: folder → its rank. */
function layersFromReadme(readme: string): Map<string, number> {
  const section = readme.slice(readme.indexOf('## Architecture'));
  const line = LAYER_LINE.exec(section)?.[0];
  if (!line) throw new Error('the README\'s architecture section names no layers (a line "core → …")');
  const ranks = new Map<string, number>();
  line.replace(/`/g, '').split('→').forEach((layer, rank) => {
    for (const name of layer.split(',').map((n) => n.trim()).filter(Boolean)) ranks.set(name, rank);
  });
  return ranks;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The layer unit of a file under backend/src: its top folder, or its own name for a file directly in it (app.ts). */
function unitOf(file: string): string {
  return relative(SRC, file).split(sep)[0]!;
}

interface SourceImport { from: string; line: number; to: string; specifier: string }

/** Every relative import of every file under backend/src that lands inside backend/src. */
function importsOf(files: readonly string[]): SourceImport[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    return importedFiles.filter((i) => i.fileName.startsWith('.')).flatMap((i) => {
      const target = resolve(dirname(file), i.fileName);
      if (!target.startsWith(SRC + sep)) return [];
      const line = ts.getLineAndCharacterOfPosition(ts.createSourceFile(file, text, ts.ScriptTarget.Latest), i.pos).line + 1;
      return [{ from: relative(SRC, file), line, to: relative(SRC, target), specifier: i.fileName }];
    });
  });
}

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const files = sourceFiles(SRC);
const imports = importsOf(files);
const ranks = layersFromReadme(readme);
const where = (i: SourceImport) => `backend/src/${i.from}:${i.line} imports ${i.specifier}`;

describe('backend/src layering (README, Architecture)', () => {
  it('reads the imports of every kind: static, type-only, export … from and import() with a literal', () => {
    const probe = ts.preProcessFile("import type { A } from './a.js';\nexport { B } from '../b.js';\nconst c = await import('./c.js');\nimport './d.js';", true, true);
    expect(probe.importedFiles.map((i) => i.fileName)).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
    expect(imports.length).toBeGreaterThan(files.length);
  });

  it('places every folder and top-level file of backend/src in a layer', () => {
    const units = [...new Set(files.map(unitOf))].sort();
    expect(units.filter((u) => !ranks.has(u))).toEqual([]);
  });

  it('lets no folder import a folder of a higher layer', () => {
    const upward = imports.filter((i) => {
      const from = ranks.get(unitOf(join(SRC, i.from)));
      const to = ranks.get(unitOf(join(SRC, i.to)));
      return from !== undefined && to !== undefined && to > from;
    });
    expect(upward.map(where)).toEqual([]);
  });

  it('lets no two folders import each other', () => {
    const edges = new Map<string, SourceImport>();
    for (const i of imports) {
      const from = unitOf(join(SRC, i.from));
      const to = unitOf(join(SRC, i.to));
      if (from !== to) edges.set(`${from}>${to}`, i);
    }
    const mutual = [...edges.entries()].filter(([key]) => {
      const [from, to] = key.split('>');
      return from! < to! && edges.has(`${to}>${from}`);
    }).map(([key]) => {
      const [from, to] = key.split('>');
      return `${where(edges.get(key)!)} and ${where(edges.get(`${to}>${from}`)!)}`;
    });
    expect(mutual).toEqual([]);
  });
});
