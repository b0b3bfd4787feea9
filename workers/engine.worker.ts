/// <reference lib="webworker" />
/** Engine worker: the engine API (src/api/engine) over Comlink, on the workspace's store. */
import * as Comlink from 'comlink';
import { createEngineApi } from '../src/api/engine';
import { EngineSession } from '../src/core/session/engine-session';
import { WorkspaceDb } from '../src/storage/workspace-db';

const session = new EngineSession();
Comlink.expose(createEngineApi(new WorkspaceDb(), session, (file) => Comlink.transfer(file, [file.bytes.buffer])));
// For the browser benchmark: what the loaded workspace costs in memory.
(self as unknown as { seatwiseMemory: () => ReturnType<EngineSession['memoryStats']> }).seatwiseMemory = () => session.memoryStats();
