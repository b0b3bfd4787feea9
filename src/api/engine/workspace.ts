/** Workspace handlers: (re)load, summary, what the report overlays, personal data per team. */
import type { WorkspaceSummary } from '../../core/session/engine-session';
import { setPersonalData } from '../../storage/privacy-store';
import type { EngineContext, LoadWay, ParsedImport } from './context';

export function workspaceHandlers(ctx: EngineContext) {
  return {
    reload(): Promise<WorkspaceSummary> {
      return ctx.reload();
    },
    /** How the last reload got its workspace (cache, unchanged, imports added, or every import merged). */
    lastLoad(): LoadWay {
      return ctx.lastLoad;
    },
    /** Settles once the workspace loaded is in the cache, so that opening the app again starts from it. */
    cacheSettled(): Promise<void> {
      return ctx.cacheSettled();
    },
    /**
     * The port the import worker sends a file's sections on while it stores them: each is added to the
     * loaded workspace meanwhile, and the reload after the import takes it (docs/workspace.md, "Adding an import").
     */
    takeParsedFrom(port: MessagePort): void {
      port.onmessage = (e: MessageEvent<ParsedImport>) => ctx.prepare(e.data);
    },
    summary(): WorkspaceSummary {
      return ctx.session.summary();
    },
    async setIncludePending(on: boolean): Promise<WorkspaceSummary> {
      ctx.includePending = on;
      return ctx.reload();
    },
    async setPersonalData(team: string, shown: boolean): Promise<WorkspaceSummary> {
      await ctx.session.setPrivacy(await setPersonalData(ctx.db, team, shown));
      return ctx.session.summary();
    },
  };
}
