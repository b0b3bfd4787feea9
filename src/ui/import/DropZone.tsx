import { createSignal, type JSX } from 'solid-js';

const ACCEPT =
  '.csv,.tsv,.txt,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';

/** A drop target with a real file input inside, so keyboard and screen-reader users pick files too. */
export function DropZone(props: { onFiles: (files: File[]) => void; disabled?: boolean; children?: JSX.Element }) {
  const [over, setOver] = createSignal(false);
  let input!: HTMLInputElement;
  const take = (list: FileList | null | undefined) => {
    const files = list ? [...list] : [];
    if (files.length > 0 && !props.disabled) props.onFiles(files);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop target is for a pointer; the file button inside it is the keyboard path
    <div
      class="drop-zone"
      classList={{ 'drop-zone--over': over() }}
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer?.files);
      }}
      data-testid="drop-zone"
    >
      <p class="drop-zone__title">Drop your portal exports here</p>
      <p class="drop-zone__hint">CSV or Excel: Subscriptions, Users, Groups, Usage, Token usage, Usage Report. Several at once is fine.</p>
      <label class="button button--primary">
        Choose files…
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={props.disabled}
          aria-label="Choose export files to import"
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {props.children}
    </div>
  );
}
