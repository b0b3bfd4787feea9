/**
 * "Workspace as Parquet" on the Export page (docs/parquet.md): the whole
 * workspace — every team, every day — as a zip of Parquet files with
 * `report.sql` and a README whose first lines say what this export holds.
 */
import type { ExportFile } from '../../changes/change-export';
import type { TokenPurchase } from '../../flex/flex-usage';
import type { NameMask } from '../../report/report';
import { presetRange } from '../../vocabulary/date-range';
import { NO_DAY, formatDay } from '../../vocabulary/days';
import type { Workspace } from '../../workspace/workspace';
import { exportFileName } from '../report-export';
import { csvLine } from '../spreadsheet-cells';
import { workspaceTables } from './parquet-tables';
import { workspaceParquetZip, type ParquetExportTexts } from './write-parquet';

/** What the export holds, in the README's first lines: the command there runs the data's last 12 months. */
function readmeHeader(ws: Workspace, counts: Record<string, number>, pseudonymised: boolean, now: Date): string {
  const last = ws.lastEventDay;
  const range = last === NO_DAY ? null : presetRange('12m', last);
  const lines = [
    `Seatwise workspace, exported ${now.toISOString().slice(0, 19).replace('T', ' ')} UTC.`,
    `People: ${pseudonymised ? 'pseudonymised (personal data is off for a team: names and emails are pseudonyms)' : 'names and emails as imported'}.`,
    `Usage: ${last === NO_DAY ? 'none imported' : `${formatDay(ws.firstEventDay)} to ${formatDay(last)}`}.`,
    `Rows per file: ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}.`,
  ];
  if (range)
    lines.push(
      '',
      'The report of the last 12 months of usage, in this folder:',
      '',
      `  (echo "SET VARIABLE from_day = DATE '${formatDay(range.from)}';"; echo "SET VARIABLE to_day = DATE '${formatDay(range.to)}';"; cat report.sql) | duckdb`,
    );
  return `${lines.join('\n')}\n\n`;
}

/** The purchases again as the CSV the Flex page imports (docs/flex.md), since an import of the zip stores no purchases. */
function purchasesCsv(purchases: readonly TokenPurchase[]): string {
  const lines = [csvLine(['purchase_date', 'quantity', 'expiry_date', 'team', 'note'])];
  for (const p of purchases) lines.push(csvLine([p.date, p.quantity, p.expiry, p.team, p.note]));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function workspaceParquetExport(
  ws: Workspace,
  purchases: readonly TokenPurchase[],
  mask: NameMask | null,
  texts: ParquetExportTexts,
  now: Date = new Date(),
): ExportFile {
  const tables = workspaceTables(ws, purchases, mask);
  const fileName = exportFileName('workspace', { team: null, from: null, to: null }, 'zip', now);
  const counts = Object.fromEntries(tables.map((t) => [t.name, t.rowCount]));
  const readme = readmeHeader(ws, counts, mask !== null, now) + texts.readme;
  const bytes = workspaceParquetZip(tables, { reportSql: texts.reportSql, readme }, fileName.replace(/\.zip$/, ''), {
    'token_purchases.csv': purchasesCsv(purchases),
  });
  return { fileName, mimeType: 'application/zip', bytes };
}
