/**
 * The performance budgets of docs/budgets.md as data, and the one way both
 * benchmarks print a figure: a line for people, then a JSON line
 * `{"budget","measured","unit","limit","verdict"}` for tools.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export type BudgetId =
  | 'recompute'
  | 'duckdb-wasm-ratio'
  | 'duckdb-native-ratio'
  | 'bare-scan-ratio'
  | 'filter-change'
  | 'sort'
  | 'parse'
  | 'import'
  | 'longtask'
  | 'one-more-import'
  | 'reopen'
  | 'xlsx'
  | 'heap-per-event';

interface Budget {
  /** Limit at 1M events and at 10M; null where there is none. */
  at1M: number | null;
  at10M: number | null;
  unit: string;
  /** 'max': the figure must not exceed the limit; 'min': it must reach it (ratios where bigger is better). */
  kind: 'max' | 'min';
}

export const BUDGETS: Record<BudgetId, Budget> = {
  recompute: { at1M: 10, at10M: 100, unit: 'ms', kind: 'max' },
  'duckdb-wasm-ratio': { at1M: 5, at10M: 5, unit: '×', kind: 'min' },
  'duckdb-native-ratio': { at1M: null, at10M: null, unit: '×', kind: 'min' },
  'bare-scan-ratio': { at1M: 4, at10M: 4, unit: '×', kind: 'max' },
  'filter-change': { at1M: 50, at10M: 50, unit: 'ms', kind: 'max' },
  sort: { at1M: 10, at10M: null, unit: 'ms', kind: 'max' },
  parse: { at1M: 1.5, at10M: 15, unit: 's', kind: 'max' },
  import: { at1M: 2, at10M: 20, unit: 's', kind: 'max' },
  longtask: { at1M: 50, at10M: 50, unit: 'ms', kind: 'max' },
  'one-more-import': { at1M: 2, at10M: 3, unit: 's', kind: 'max' },
  reopen: { at1M: 1000, at10M: 1500, unit: 'ms', kind: 'max' },
  xlsx: { at1M: 3, at10M: null, unit: 's', kind: 'max' },
  'heap-per-event': { at1M: 16, at10M: 16, unit: 'B', kind: 'max' },
};

export interface Figure {
  budget: string;
  measured: number;
  unit: string;
  limit: number | null;
  verdict: 'ok' | 'OVER' | 'no budget';
  detail?: string;
}

/** The limit of a budget for a workload of `events` (the 10M column from 5M events up). */
export function limitOf(id: BudgetId, events: number): number | null {
  const b = BUDGETS[id];
  return events >= 5_000_000 ? b.at10M : b.at1M;
}

export class FigurePrinter {
  readonly figures: Figure[] = [];
  constructor(private readonly events: number) {}

  /** Prints one figure against its budget (or with none, when `id` is null). */
  add(id: BudgetId | null, budget: string, measured: number, unit: string, detail?: string): Figure {
    const limit = id ? limitOf(id, this.events) : null;
    const kind = id ? BUDGETS[id].kind : 'max';
    const verdict: Figure['verdict'] =
      limit === null ? 'no budget' : (kind === 'max' ? measured <= limit : measured >= limit) ? 'ok' : 'OVER';
    const f: Figure = {
      budget,
      measured: Number(measured.toFixed(unit === 's' ? 3 : 2)),
      unit,
      limit,
      verdict,
      ...(detail ? { detail } : {}),
    };
    this.figures.push(f);
    const shown = `${measured.toFixed(unit === 'ms' || unit === '×' ? 1 : 2)} ${unit}`;
    const bound = limit === null ? '' : `${kind === 'max' ? '≤' : '≥'} ${limit} ${unit}`;
    console.log(`${budget.padEnd(64)} ${shown.padStart(12)}  ${bound.padStart(11)}  ${verdict}${detail ? `  (${detail})` : ''}`);
    console.log(JSON.stringify(f));
    return f;
  }

  /** Writes every figure as JSON lines to bench/results/ (not committed). */
  write(prefix: string, extra: Record<string, unknown>): string {
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
    writeFileSync(file, `${this.figures.map((f) => JSON.stringify({ ...f, ...extra, at: new Date().toISOString() })).join('\n')}\n`);
    return file;
  }
}
