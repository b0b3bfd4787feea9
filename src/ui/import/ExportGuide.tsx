/**
 * Where to get each export and what it brings (src/core/vocabulary/export-guide.ts):
 * open on the empty page, folded on the Import page.
 */
import { For, type JSX } from 'solid-js';
import { EXPORT_GUIDE, EXPORT_MINIMUM } from '../../core/vocabulary/export-guide';

const nameOf = (section: string) => EXPORT_GUIDE.find((e) => e.section === section)?.name ?? section;

function GuideBody() {
  return (
    <>
      <ul class="export-guide__minimum" aria-label="The exports you need">
        <For each={EXPORT_MINIMUM}>
          {(m) => (
            <li>
              <strong>{m.question}:</strong> {m.exports.map(nameOf).join(' + ')}
            </li>
          )}
        </For>
      </ul>
      <dl class="export-guide__list">
        <For each={EXPORT_GUIDE}>
          {(e) => (
            <div class="export-guide__item">
              <dt>{e.name}</dt>
              <dd>
                <span class="export-guide__where">{e.where}</span> <span class="export-guide__unlocks">{e.unlocks}</span>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <p class="muted export-guide__foot">
        All of them are in Autodesk Account (manage.autodesk.com) for an admin. Export monthly: each import adds to the history kept here.
      </p>
    </>
  );
}

export function ExportGuide(props: { collapsible?: boolean }): JSX.Element {
  const title = 'Where to get your exports';
  return props.collapsible ? (
    <details class="export-guide export-guide--folded" data-testid="export-guide">
      <summary>{title}</summary>
      <GuideBody />
    </details>
  ) : (
    <section class="export-guide" aria-labelledby="export-guide-title" data-testid="export-guide">
      <h2 id="export-guide-title">{title}</h2>
      <GuideBody />
    </section>
  );
}
