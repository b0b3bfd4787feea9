import { For, Show, createSignal, onCleanup } from 'solid-js';
import type { ExportFormat } from '../../core/export/report-export';

const ITEMS: [ExportFormat, string][] = [
  ['xlsx', 'Excel (.xlsx)'],
  ['csv', 'CSV'],
];

/** "Export" menu button (WAI-ARIA menu button pattern) offering Excel and CSV. */
export function ExportMenu(props: { onExport: (f: ExportFormat) => Promise<void>; disabled?: boolean }) {
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let menu: HTMLDivElement | undefined;
  let button!: HTMLButtonElement;
  const close = () => setOpen(false);
  const onDocClick = (e: MouseEvent) => {
    if (!button.parentElement?.contains(e.target as Node)) close();
  };
  document.addEventListener('click', onDocClick);
  onCleanup(() => document.removeEventListener('click', onDocClick));
  const choose = async (f: ExportFormat) => {
    close();
    setBusy(true);
    try {
      await props.onExport(f);
    } finally {
      setBusy(false);
      button.focus();
    }
  };
  const openMenu = () => {
    setOpen(true);
    queueMicrotask(() => menu?.querySelector<HTMLElement>('[role=menuitem]')?.focus());
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const items = [...(menu?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      button.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      items[(i + 1) % items.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i - 1 + items.length) % items.length]?.focus();
    }
  };
  return (
    <div class="menu-button">
      <button
        ref={button}
        type="button"
        class="button button--primary"
        aria-haspopup="menu"
        aria-expanded={open()}
        disabled={props.disabled || busy()}
        onClick={() => (open() ? close() : openMenu())}
      >
        {busy() ? 'Exporting…' : 'Export'}
      </button>
      <Show when={open()}>
        <div ref={menu} role="menu" class="menu" aria-label="Export format" onKeyDown={onMenuKey}>
          <For each={ITEMS}>
            {([f, label]) => (
              <button type="button" role="menuitem" class="menu__item" onClick={() => void choose(f)}>
                {label}
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
