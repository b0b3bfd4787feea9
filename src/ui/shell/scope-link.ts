/**
 * One scope for the whole app (docs/ranges-and-links.md, "One scope across pages"): the team, range and
 * as-of date of the last page that showed them, carried by the links to the other pages that show them.
 */
import { useLocation } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { EMPTY_VIEW, parseViewState, toSearchParams } from '../../core/vocabulary/view-state';

/** The pages over a team and a date range. */
export const SCOPED_PATHS = ['/report', '/seats', '/flex', '/recommendations', '/export'] as const;

/** The scope part of a page's query string: `team`, `range` or `from`/`to`, `asof`; nothing else. */
export function scopeSearch(search: string): string {
  const v = parseViewState(new URLSearchParams(search));
  return toSearchParams({ ...EMPTY_VIEW, team: v.team, range: v.range, from: v.from, to: v.to, asof: v.asof }).toString();
}

/** Links to the scoped pages that carry the current scope; unscoped pages leave the last one as it was. */
export function useScopeLinks() {
  const location = useLocation();
  const scope = createMemo<string>(
    (prev) => ((SCOPED_PATHS as readonly string[]).includes(location.pathname) ? scopeSearch(location.search) : prev),
    '',
  );
  return (path: (typeof SCOPED_PATHS)[number]) => (scope() ? `${path}?${scope()}` : path);
}
