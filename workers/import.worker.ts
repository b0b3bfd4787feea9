/// <reference lib="webworker" />
/** Import worker: the import API (src/api/import) over Comlink, so parsing never touches the UI thread. */
import * as Comlink from 'comlink';
import { createImportApi } from '../src/api/import';
import { WorkspaceDb } from '../src/storage/workspace-db';

Comlink.expose(createImportApi(new WorkspaceDb(), (bytes) => Comlink.transfer(bytes, [bytes.buffer])));
