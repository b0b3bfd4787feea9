/** The sample workspace ("Load sample workspace") built through the import path, as the app builds it. */
import type { Day } from '../../src/core/vocabulary/days';
import type { LoadedBatch } from '../../src/core/workspace/workspace';
import { sampleWorkspaceFiles } from '../../src/core/sample/generate-sample';
import { batchesFromCsv } from './workspace-from-csv';

export async function sampleBatches(endDay: Day): Promise<LoadedBatch[]> {
  const files = sampleWorkspaceFiles(endDay);
  return batchesFromCsv([
    ['Subscriptions.csv', files.subscriptions],
    ['Users.csv', files.users],
    ...[...files.usage()].map((text, i): [string, string] => [`Usage-${i + 1}.csv`, text]),
  ]);
}
