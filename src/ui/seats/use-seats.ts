/** The Seats page's data: the view in the URL, the summary, a product's chart and use by person (docs/figures.md). */
import { createMemo, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { Granularity, ProductSeatRow } from '../../core/seats/seat-usage';
import { useViewState } from '../report/use-view-state';

export function useSeats() {
  const { view, setView } = useViewState('/seats');
  const [tab, setTab] = createSignal<'product' | 'user'>('product');
  const [open, setOpen] = createSignal(new Set<string>());
  const [detail, setDetail] = createSignal<string | null>(null);
  const [granularity, setGranularity] = createSignal<Granularity>('day');
  const [search, setSearch] = createSignal('');
  const [person, setPerson] = createSignal<string | null>(null);
  const [actionMessage, setActionMessage] = createSignal('');

  const [data] = createResource(
    () => (client.hasData() ? { v: view(), w: client.version('workspace') } : null),
    ({ v }) => client.engine.seatUsage(v, todayUtc()),
  );
  const [chart] = createResource(
    () => (detail() ? { v: view(), p: detail()!, g: granularity(), w: client.version('workspace') } : null),
    ({ v, p, g }) => client.engine.productDetail(v, p, g, todayUtc()),
  );
  const [users] = createResource(
    () => (tab() === 'user' && client.hasData() ? { v: view(), q: search(), w: client.version('workspace') } : null),
    ({ v, q }) => client.engine.seatUsers(v, q, 200, todayUtc()),
  );

  const toggle = (name: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(name)) n.delete(name);
      else n.add(name);
      return n;
    });
  const rows = createMemo(() => {
    const out: { row: ProductSeatRow; depth: number; group: boolean }[] = [];
    for (const r of data()?.summary.products ?? []) {
      out.push({ row: r, depth: 0, group: r.children.length > 0 });
      if (open().has(r.name)) for (const c of r.children) out.push({ row: c, depth: 1, group: false });
    }
    return out;
  });

  return {
    view,
    setView,
    tab,
    setTab,
    open,
    toggle,
    detail,
    setDetail,
    granularity,
    setGranularity,
    search,
    setSearch,
    person,
    setPerson,
    actionMessage,
    setActionMessage,
    data,
    chart,
    users,
    rows,
  };
}
