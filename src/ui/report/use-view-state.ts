import { useLocation, useNavigate } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { parseViewState, toSearchParams, type ReportViewState } from '../../core/vocabulary/view-state';

/** The view state of a page, read from and written to its URL (docs/ranges-and-links.md). */
export function useViewState(path: string) {
  const location = useLocation();
  const navigate = useNavigate();
  const view = createMemo(() => parseViewState(new URLSearchParams(location.search)));
  const setView = (patch: Partial<ReportViewState>) => {
    const qs = toSearchParams({ ...view(), ...patch }).toString();
    navigate(`${path}${qs ? `?${qs}` : ''}`, { replace: true, scroll: false });
  };
  return { view, setView, location, navigate };
}
