/**
 * The layer rule of docs/architecture.md, read from the imports themselves:
 * core imports only core; storage imports core; the API (worker side) and the
 * workers import storage and core; the UI imports the vocabulary, and only
 * types from the rest of core and from the API. No folder imports another
 * that imports it back, however far round.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

/** Every static and dynamic import of a file, resolved to a repository path (packages by name). */
function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const out: Edge[] = [];
  const re =
    /(?:^|\n)\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[3] ?? m[4] ?? m[5]!;
    const line = text.slice(0, m.index + m[0].search(/\S/)).split('\n').length;
    // Type-only: `import type …`, or braces whose every name is marked `type` (both vanish from the build).
    const braces = /^\{([^}]*)\}$/.exec((m[2] ?? '').trim());
    const typeOnly =
      !!m[1] ||
      (!!braces &&
        braces[1]!
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .every((x) => x.startsWith('type ')));
    const to = spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : `package:${spec}`;
    out.push({ from: relative(ROOT, file), to, typeOnly, line });
  }
  return out;
}

const layerOf = (path: string): string => {
  if (path.startsWith('package:')) return 'package';
  if (path.startsWith('src/core/vocabulary/')) return 'vocabulary';
  for (const layer of ['src/core/', 'src/storage/', 'src/api/', 'src/ui/', 'workers/'])
    if (path.startsWith(layer)) return layer.replace(/^src\//, '').replace(/\/$/, '');
  return 'other';
};

/** What each layer may import at run time, and what it may import only as types. */
const RULES: Record<string, { runtime: string[]; types: string[]; packages: RegExp }> = {
  vocabulary: { runtime: ['vocabulary'], types: [], packages: /^$/ },
  core: { runtime: ['core', 'vocabulary'], types: [], packages: /^(papaparse|xlsx|fflate|hyparquet|hyparquet-writer)(\/|$)/ },
  storage: { runtime: ['storage', 'core', 'vocabulary'], types: [], packages: /^dexie(\/|$)/ },
  api: { runtime: ['api', 'storage', 'core', 'vocabulary'], types: [], packages: /^$/ },
  workers: { runtime: ['api', 'storage', 'core', 'vocabulary'], types: [], packages: /^(comlink|workbox-[a-z]+)(\/|$)/ },
  ui: {
    runtime: ['ui', 'vocabulary'],
    types: ['core', 'api'],
    packages: /^(solid-js|@solidjs\/router|comlink|uplot|workbox-window|virtual:pwa-register)(\/|$)/,
  },
};

const SOURCES = [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'workers'))];
const EDGES = SOURCES.flatMap(importsOf);

describe('the layer rule (docs/architecture.md)', () => {
  it('finds the layers and their imports', () => {
    for (const layer of Object.keys(RULES))
      expect(
        SOURCES.some((f) => layerOf(relative(ROOT, f)) === layer),
        layer,
      ).toBe(true);
    expect(EDGES.length).toBeGreaterThan(300);
  });

  it.each(Object.keys(RULES))('%s imports only what the rule allows', (layer) => {
    const rule = RULES[layer]!;
    const broken = EDGES.filter((e) => layerOf(e.from) === layer)
      .filter((e) => {
        const target = layerOf(e.to);
        if (target === 'package') return !rule.packages.test(e.to.slice('package:'.length)) && !e.typeOnly;
        if (rule.runtime.includes(target)) return false;
        return !(e.typeOnly && rule.types.includes(target));
      })
      .map((e) => `${e.from}:${e.line} → ${e.to}${e.typeOnly ? ' (types)' : ''}`);
    expect(broken).toEqual([]);
  });
});

describe('no folder cycles', () => {
  it('no folder imports, however far round, one that imports it', () => {
    const folderOf = (p: string) => dirname(p);
    const graph = new Map<string, Set<string>>();
    for (const e of EDGES) {
      if (e.to.startsWith('package:')) continue;
      const a = folderOf(e.from),
        b = folderOf(e.to);
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    // Tarjan's strongly connected components: any with more than one folder is a cycle.
    let index = 0;
    const idx = new Map<string, number>(),
      low = new Map<string, number>(),
      stack: string[] = [],
      on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });
});
