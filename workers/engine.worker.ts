/// <reference lib="webworker" />
/** Engine worker: the engine API (src/api/engine) over Comlink, on the workspace's store. */
import * as Comlink from 'comlink';
import { createEngineApi } from '../src/api/engine';
import { EngineSession } from '../src/core/session/engine-session';
import { WorkspaceDb } from '../src/storage/workspace-db';

const session = new EngineSession();
const api = createEngineApi(new WorkspaceDb(), session, (file) => Comlink.transfer(file, [file.bytes.buffer]));
Comlink.expose(api);
// For the browser benchmark: what the loaded workspace costs in memory, and how it was last loaded.
const bench = self as unknown as { seatwiseMemory: () => ReturnType<EngineSession['memoryStats']>; seatwiseLastLoad: () => unknown };
bench.seatwiseMemory = () => session.memoryStats();
bench.seatwiseLastLoad = () => api.lastLoad();
