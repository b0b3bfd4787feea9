/** The vendor-shaped exports of every era (tests/fixtures/eras) and their expected.json, for the tests that read them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedBatch } from '../../src/core/workspace/workspace';
import { batchesFromCsv } from './workspace-from-csv';

export const ERA_DIR = join(import.meta.dirname, '../fixtures/eras');

export const eraExpected = JSON.parse(readFileSync(join(ERA_DIR, 'expected.json'), 'utf8')) as {
  range: { from: string; to: string };
  sets: Record<string, { files: string[] }>;
};

/** The sets of CSV files only (the workbook sets are read by the era tests themselves). */
export const csvEraSets = Object.entries(eraExpected.sets).filter(([, set]) => set.files.every((f) => f.endsWith('.csv')));

/** A set's files read as the importer reads them. */
export function eraBatches(files: readonly string[]): Promise<LoadedBatch[]> {
  return batchesFromCsv(files.map((f): [string, string] => [f, readFileSync(join(ERA_DIR, f), 'utf8')]));
}
