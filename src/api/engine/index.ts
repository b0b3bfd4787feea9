/**
 * The engine's API: one small module of handlers per feature, combined into
 * one typed object. The worker exposes it over Comlink; tests call it directly
 * in Node (docs/architecture.md).
 */
import type { EngineSession } from '../../core/session/engine-session';
import type { WorkspaceDb } from '../../storage/workspace-db';
import { createContext, type CacheWriter, type Transfer } from './context';
import { workspaceHandlers } from './workspace';
import { reportHandlers } from './report';
import { changeHandlers } from './changes';
import { seatHandlers } from './seats';
import { flexHandlers } from './flex';
import { recommendationHandlers } from './recommendations';
import { notificationHandlers } from './notifications';
import { exportHandlers } from './export';

export type { QueueResult, CacheWriter, CachedWorkspace } from './context';
export type { Person } from './changes';

export function createEngineApi(db: WorkspaceDb, session: EngineSession, transfer: Transfer = (f) => f, storeCache?: CacheWriter) {
  const ctx = createContext(db, session, transfer, storeCache);
  return noting(
    {
      ...workspaceHandlers(ctx),
      ...reportHandlers(ctx),
      ...changeHandlers(ctx),
      ...seatHandlers(ctx),
      ...flexHandlers(ctx),
      ...recommendationHandlers(ctx),
      ...notificationHandlers(ctx),
      ...exportHandlers(ctx),
    },
    () => ctx.touch(),
  );
}

/** The same handlers, each noting that the engine was asked something (the cache is written when it is quiet). */
function noting<T extends object>(handlers: T, touch: () => void): T {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers))
    out[name] =
      typeof handler === 'function'
        ? (...args: unknown[]) => {
            touch();
            return (handler as (...a: unknown[]) => unknown)(...args);
          }
        : handler;
  return out as T;
}

export type EngineApi = ReturnType<typeof createEngineApi>;
