/**
 * A bold, frozen header row in a written workbook (docs/report.md, "Exports"). The spreadsheet
 * library's community edition writes no cell styles, so the zip it writes is edited: one bold font
 * and one cell format are added to `xl/styles.xml`, the first row of each sheet takes that format,
 * and the table sheets get a pane frozen below the header.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** Uncompressed size above which the fastest compression is used. */
const LARGE_BYTES = 8 * 1024 * 1024;

const FROZEN_VIEW =
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';

/** Adds a bold font and a cell format using it; returns the styles and the format's index. */
export function addBoldFormat(styles: string): { styles: string; xf: number } {
  const fonts = /<fonts count="(\d+)">([\s\S]*?)<\/fonts>/.exec(styles);
  const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles);
  if (!fonts || !xfs) throw new Error('The workbook has no font or cell format table to style its header.');
  const fontCount = Number(fonts[1]);
  const xfCount = Number(xfs[1]);
  // The bold font is the default font (the first) with <b/>, so the header keeps the sheet's typeface and size.
  const first = /<font>([\s\S]*?)<\/font>/.exec(fonts[2]!)?.[1] ?? '<sz val="12"/><name val="Calibri"/>';
  const bold = `<font><b/>${first.replace(/<b\/>/g, '')}</font>`;
  const out = styles
    .replace(fonts[0], `<fonts count="${fontCount + 1}">${fonts[2]}${bold}</fonts>`)
    .replace(
      xfs[0],
      `<cellXfs count="${xfCount + 1}">${xfs[2]}<xf numFmtId="0" fontId="${fontCount}" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>`,
    );
  return { styles: out, xf: xfCount };
}

/** The sheet's first row in format `xf`, and, when `freeze`, the pane frozen below it. */
export function styleHeaderRow(head: string, xf: number, freeze: boolean): string {
  let out = head.replace(/<row r="1"([^>]*)>([\s\S]*?)<\/row>/, (_row, attrs: string, cells: string) => {
    const styled = cells.replace(/<c r="([A-Z]+1)"( s="\d+")?/g, `<c r="$1" s="${xf}"`);
    return `<row r="1"${attrs}>${styled}</row>`;
  });
  if (freeze) {
    if (/<sheetViews>[\s\S]*?<\/sheetViews>/.test(out)) out = out.replace(/<sheetViews>[\s\S]*?<\/sheetViews>/, FROZEN_VIEW);
    else out = out.replace(/(<dimension[^>]*\/>)/, `$1${FROZEN_VIEW}`);
  }
  return out;
}

/** Index just past the first `</row>` in the bytes, or the length when there is none. */
function afterFirstRow(bytes: Uint8Array): number {
  const end = strToU8('</row>');
  outer: for (let i = 0; i + end.length <= bytes.length; i++) {
    for (let j = 0; j < end.length; j++) if (bytes[i + j] !== end[j]) continue outer;
    return i + end.length;
  }
  return bytes.length;
}

/**
 * The workbook's zip with every sheet's header row bold and the first `frozenSheets` sheets'
 * panes frozen below it. The zip is compressed here, once: the library is asked for it uncompressed.
 * A large workbook takes the fastest level (the export's time is mostly this and the library's XML).
 */
export function boldFrozenHeaders(xlsx: Uint8Array, frozenSheets: number): Uint8Array {
  const files = unzipSync(xlsx);
  let raw = 0;
  const stylesFile = files['xl/styles.xml'];
  if (!stylesFile) throw new Error('The workbook has no styles to style its header.');
  const { styles, xf } = addBoldFormat(strFromU8(stylesFile));
  files['xl/styles.xml'] = strToU8(styles);
  for (const name of Object.keys(files)) {
    raw += files[name]!.length;
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    if (!m) continue;
    const bytes = files[name]!;
    // Only the head of a sheet changes: its views and first row. The rows after stay bytes.
    const cut = afterFirstRow(bytes);
    const head = strToU8(styleHeaderRow(strFromU8(bytes.subarray(0, cut)), xf, Number(m[1]) <= frozenSheets));
    const out = new Uint8Array(head.length + bytes.length - cut);
    out.set(head, 0);
    out.set(bytes.subarray(cut), head.length);
    files[name] = out;
  }
  return zipSync(files as Zippable, { level: raw > LARGE_BYTES ? 1 : 6 });
}
