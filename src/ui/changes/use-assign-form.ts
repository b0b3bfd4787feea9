/** The assign form's data: what is picked, the people and members it searches, the seat check, and queueing (docs/changes.md, "Queueing"). */
import { createMemo, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { Person } from '../../api/engine';
import type { ChangeSource } from '../../core/vocabulary/change';
import { describeQueueResult } from './queue-result';

export type AssignMode = 'product' | 'user' | 'group' | 'csv';

export interface AssignFormProps {
  initialMode?: AssignMode;
  presetUser?: { userRef: string; label: string };
  onQueued?: (message: string) => void;
}

export function useAssignForm(props: AssignFormProps) {
  const summary = () => client.summary()!;
  const [mode, setMode] = createSignal<AssignMode>(props.initialMode ?? 'product');
  const [team, setTeam] = createSignal(summary().teams[0] ?? '');
  const [product, setProduct] = createSignal(summary().assignableProducts[0] ?? '');
  const [products, setProducts] = createSignal<string[]>([]);
  const [group, setGroup] = createSignal(summary().groups[0] ?? '');
  const [search, setSearch] = createSignal('');
  const [picked, setPicked] = createSignal<{ userRef: string; label: string }[]>(props.presetUser ? [props.presetUser] : []);
  const [csvPeople, setCsvPeople] = createSignal<Person[]>([]);
  const [csvErrors, setCsvErrors] = createSignal<string[]>([]);
  const [reason, setReason] = createSignal('');
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const [found] = createResource(
    () => ({ q: search(), team: team() }),
    ({ q, team: t }) => (q.trim().length >= 2 ? client.engine.findPeople(q, t || null) : Promise.resolve([])),
  );
  const [members] = createResource(
    () => (mode() === 'group' ? group() : null),
    (g) => client.engine.groupMembers(g),
  );

  /** Each (product, people) the form would queue. */
  const plan = createMemo((): { product: string; people: Person[] }[] => {
    switch (mode()) {
      case 'product':
        return [{ product: product(), people: picked().map((p) => ({ userRef: p.userRef })) }];
      case 'user':
        return products().map((p) => ({
          product: p,
          people: picked()
            .slice(0, 1)
            .map((x) => ({ userRef: x.userRef })),
        }));
      case 'group':
        return [{ product: product(), people: (members() ?? []).map((userRef) => ({ userRef })) }];
      case 'csv':
        return [{ product: product(), people: csvPeople() }];
    }
  });
  const count = () => plan().reduce((n, p) => n + p.people.length, 0);
  const [seats] = createResource(
    () => ({ plan: plan(), team: team() }),
    ({ plan: p, team: t }) =>
      Promise.all(
        p
          .filter((x) => x.people.length > 0)
          .map((x) => client.engine.seatCheck(t, x.product, x.people.length, todayUtc()).then((c) => ({ product: x.product, ...c }))),
      ),
  );

  const onCsv = async (file: File | undefined) => {
    if (!file) return;
    const r = await client.engine.parseImportToAssign(await file.text());
    if ('error' in r) {
      setCsvPeople([]);
      setCsvErrors([`${file.name}: ${r.error}`]);
      return;
    }
    setCsvPeople(r.people);
    setCsvErrors(r.errors.map((e) => `${file.name}, row ${e.row}: ${e.reason}`));
  };

  const submit = async () => {
    setBusy(true);
    const source: ChangeSource =
      mode() === 'csv'
        ? 'import-to-assign'
        : mode() === 'group'
          ? 'by-group'
          : mode() === 'user'
            ? props.presetUser
              ? 'user-detail'
              : 'by-user'
            : 'by-product';
    const messages: string[] = [];
    try {
      // Each product is its own write: what was queued before a failure stays queued, and shown.
      for (const p of plan()) {
        if (p.people.length === 0) continue;
        const r = await client.write('changes', () =>
          client.engine.assign(team(), p.product, p.people, reason().trim(), source, todayUtc()),
        );
        messages.push(`${p.product}: ${describeQueueResult(r, 'assign')}`);
      }
      const text = messages.join(' ');
      setMessage(text);
      props.onQueued?.(text);
      setPicked(props.presetUser ? [props.presetUser] : []);
      setCsvPeople([]);
    } catch (err) {
      // Each product is its own transaction: say what was queued before the failure.
      const done = messages.length ? `${messages.join(' ')} Then: ` : 'Nothing was queued: ';
      setMessage(`${done}${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return {
    summary,
    mode,
    setMode,
    team,
    setTeam,
    product,
    setProduct,
    products,
    setProducts,
    group,
    setGroup,
    search,
    setSearch,
    picked,
    setPicked,
    csvErrors,
    csvPeople,
    reason,
    setReason,
    message,
    busy,
    found,
    members,
    count,
    seats,
    onCsv,
    submit,
  };
}
