/** The shell: the header, the routes to every page, and what shows while the workspace is not open. */
import { A, HashRouter, Navigate, Route, type RouteSectionProps } from '@solidjs/router';
import { ErrorBoundary, Show, lazy, onMount } from 'solid-js';
import { client } from '../common/client';
import { WorkspaceRecovery } from './WorkspaceRecovery';
import { UpdatePrompt } from './UpdatePrompt';
import { NotificationCenter } from '../notifications/NotificationCenter';
import { formatInt } from '../../core/vocabulary/format';
import { useScopeLinks } from './scope-link';

const ReportPage = lazy(() => import('../report/ReportPage'));
const ImportPage = lazy(() => import('../import/ImportPage'));
const ChangesPage = lazy(() => import('../changes/ChangesPage'));
const SettingsPage = lazy(() => import('../settings/SettingsPage'));
const SeatsPage = lazy(() => import('../seats/SeatsPage'));
const FlexPage = lazy(() => import('../flex/FlexPage'));
const ExportPage = lazy(() => import('../export/ExportPage'));
const RecommendationsPage = lazy(() => import('../recommendations/RecommendationsPage'));

function Layout(props: RouteSectionProps) {
  const scoped = useScopeLinks();
  return (
    <div class="app">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link; the hash router would take "#main" as a route, so the click moves focus instead */}
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="app-header">
        <A href={scoped('/report')} class="brand" aria-label="Seatwise, Usage Report">
          <img src="./icon.svg" alt="" width="28" height="28" /> Seatwise
        </A>
        <nav aria-label="Main">
          <A href={scoped('/report')} activeClass="is-current">
            Usage Report
          </A>
          <A href={scoped('/seats')} activeClass="is-current">
            Seats
          </A>
          <A href={scoped('/flex')} activeClass="is-current">
            Flex
          </A>
          <A href={scoped('/recommendations')} activeClass="is-current">
            Recommendations
          </A>
          <A href="/changes" activeClass="is-current">
            Changes
          </A>
          <A href={scoped('/export')} activeClass="is-current">
            Export
          </A>
          <A href="/import" activeClass="is-current">
            Import
          </A>
          <A href="/settings" activeClass="is-current">
            Settings
          </A>
        </nav>
        <span class="spacer" />
        <Show when={client.hasData()}>
          <span class="app-header__facts" data-testid="workspace-facts">
            {formatInt(client.summary()!.users)} people · {formatInt(client.summary()!.events)} usage days
          </span>
        </Show>
        <span class="app-header__privacy" title="Nothing you import leaves this browser">
          Local only
        </span>
      </header>
      <UpdatePrompt />
      <NotificationCenter />
      <Show when={client.summary() && client.loadError()}>
        <p class="notice notice--error" role="alert">
          {client.loadError()}
        </p>
      </Show>
      <main id="main" tabindex="-1">
        <Show
          when={client.summary()}
          fallback={
            <Show
              when={client.openProblem()}
              fallback={
                <p class="loading" role="status">
                  Opening your workspace…
                </p>
              }
            >
              {(problem) => <WorkspaceRecovery problem={problem()} />}
            </Show>
          }
        >
          <ErrorBoundary
            fallback={(err, reset) => (
              <div class="page">
                <p class="notice notice--error" role="alert">
                  This view failed: {err instanceof Error ? err.message : String(err)}. Your data is untouched.
                  <button type="button" class="button" onClick={reset}>
                    Try again
                  </button>
                </p>
              </div>
            )}
          >
            {props.children}
          </ErrorBoundary>
        </Show>
      </main>
    </div>
  );
}

export function App() {
  onMount(() => void client.open());
  return (
    <HashRouter root={Layout}>
      <Route path="/report" component={ReportPage} />
      <Route path="/import" component={ImportPage} />
      <Route path="/changes" component={ChangesPage} />
      <Route path="/seats" component={SeatsPage} />
      <Route path="/flex" component={FlexPage} />
      <Route path="/export" component={ExportPage} />
      <Route path="/recommendations" component={RecommendationsPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="*" component={() => <Navigate href="/report" />} />
    </HashRouter>
  );
}
