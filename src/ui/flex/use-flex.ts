/** The Flex page's data: the view in the URL, the figures, and the purchases' writes (docs/flex.md). */
import { createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import { useViewState } from '../report/use-view-state';

export function useFlex() {
  const { view, setView } = useViewState('/flex');
  const [message, setMessage] = createSignal('');
  const [person, setPerson] = createSignal<string | null>(null);
  const [actionMessage, setActionMessage] = createSignal('');
  const [data] = createResource(
    () => (client.hasData() ? { v: view(), w: client.version('workspace', 'purchases') } : null),
    ({ v }) => client.engine.flex(v, todayUtc()),
  );
  const remove = async (id: number) => {
    try {
      await client.write('purchases', () => client.engine.deletePurchase(id));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      return;
    }
    setMessage('Purchase removed.');
  };
  return { view, setView, data, message, saved: setMessage, remove, person, setPerson, actionMessage, setActionMessage };
}
