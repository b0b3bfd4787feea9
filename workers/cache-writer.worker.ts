/// <reference lib="webworker" />
/**
 * Cache writer: stores the merged workspace in IndexedDB off the engine worker's thread. Copying a
 * 10M-event workspace into IndexedDB takes seconds; here the engine only hands its columns over.
 */
import * as Comlink from 'comlink';
import type { CachedWorkspace } from '../src/api/engine';
import { WorkspaceDb } from '../src/storage/workspace-db';

const db = new WorkspaceDb();
Comlink.expose({
  async write(basis: string, value: CachedWorkspace): Promise<void> {
    await db.cache.put({ key: 'workspace', basis, value });
  },
});
