import { DropZone } from './DropZone';
import { ExportGuide } from './ExportGuide';
import { ImportProgressPanel, ImportResults } from './ImportPage';
import { importFiles, importRunning, loadSampleWorkspace } from './import-controller';

/** First visit: two ways in, a word on where the data goes (nowhere), and where to get the exports. */
export function EmptyState() {
  return (
    <section class="page empty-state" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Who keeps a seat?</h1>
      <p class="lead">
        Drop the exports of your Autodesk Account (Users, Subscriptions, Usage, Token usage or a Usage Report) and see who is active, who is
        inactive, and what it costs. Everything stays in this browser; nothing is uploaded.
      </p>
      <div class="empty-state__ways">
        <DropZone onFiles={(f) => void importFiles(f)} disabled={importRunning()} />
        <div class="empty-state__sample">
          <h2>Just looking?</h2>
          <p>A generated account: 2,400 people in six teams, collections, Subscription and Flex users, a year of daily usage.</p>
          <button type="button" class="button button--primary" disabled={importRunning()} onClick={() => void loadSampleWorkspace()}>
            Load sample workspace
          </button>
        </div>
      </div>
      <ImportProgressPanel />
      <ImportResults />
      <ExportGuide />
    </section>
  );
}
