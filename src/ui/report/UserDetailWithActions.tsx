/** The user detail dialog with its actions wired: queue an unassign or an assign from it (docs/report.md, "User detail"). */
import { Show, createSignal } from 'solid-js';
import { Dialog } from '../common/Dialog';
import { parseIsoDay } from '../../core/vocabulary/days';
import { AssignForm } from '../changes/AssignForm';
import { UnassignDialog } from '../changes/UnassignDialog';
import { UserDetailDialog } from './UserDetailDialog';
import type { ReportViewState } from '../../core/vocabulary/view-state';

export function UserDetailWithActions(props: {
  userRef: string;
  view: ReportViewState;
  onClose: () => void;
  onMessage: (message: string) => void;
}) {
  const [unassigning, setUnassigning] = createSignal<{ rowIds: number[]; label: string; asOf: number | undefined } | null>(null);
  const [assigning, setAssigning] = createSignal<string | null>(null);
  return (
    <>
      <UserDetailDialog
        userRef={props.userRef}
        view={props.view}
        onClose={props.onClose}
        onUnassign={(rowIds, label, asOf) => setUnassigning({ rowIds, label, asOf: parseIsoDay(asOf) ?? undefined })}
        onAssign={(userRef) => setAssigning(userRef)}
      />
      <Show when={unassigning()}>
        {(u) => (
          <UnassignDialog
            rowIds={u().rowIds}
            label={u().label}
            source="user-detail"
            asOf={u().asOf}
            onDone={(message) => {
              setUnassigning(null);
              if (message) props.onMessage(message);
            }}
          />
        )}
      </Show>
      <Show when={assigning()}>
        {(ref) => (
          <Dialog title="Assign products" onClose={() => setAssigning(null)}>
            <AssignForm initialMode="user" presetUser={{ userRef: ref(), label: ref() }} onQueued={props.onMessage} />
          </Dialog>
        )}
      </Show>
    </>
  );
}
