/** Export handlers: the report as filtered, and sections of the workspace for a team and range. */
import type { ExportFile } from '../../core/changes/change-export';
import type { ExportFormat } from '../../core/export/report-export';
import type { ExportSection } from '../../core/vocabulary/export-sections';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import { XLSX_TYPE, cutNote, type EngineContext } from './context';
import { exportContext, exportTables, reportScope } from '../../core/session/exports';

export function exportHandlers(ctx: EngineContext) {
  const s = ctx.session;
  return {
    /** Exactly the rows of the last query, every column, with a sheet naming the filters. */
    async exportReport(format: ExportFormat): Promise<ExportFile> {
      const { reportCsv, writeReportXlsx, exportFileName } = await import('../../core/export/report-export');
      const rows = s.rows(0, s.rowCount());
      const book =
        format === 'csv' ? { bytes: new TextEncoder().encode(reportCsv(rows)), cutCells: 0 } : writeReportXlsx(rows, exportContext(s));
      return ctx.transfer({
        fileName: exportFileName('usage', reportScope(s), format),
        mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : XLSX_TYPE,
        bytes: book.bytes,
        ...(await cutNote(book.cutCells)),
      });
    },
    /** Sections of the workspace as one workbook, or CSV files (zipped when several). */
    async exportSections(view: ReportViewState, sections: ExportSection[], format: ExportFormat, today: number): Promise<ExportFile> {
      const { writeWorkbook, tableCsv } = await import('../../core/export/table');
      const { bundle } = await import('../../core/changes/change-export');
      const { tables, info } = exportTables(s, view, sections, today);
      const { exportFileName } = await import('../../core/export/report-export');
      const scope = { team: view.team, from: info.from, to: info.to };
      if (format === 'xlsx') {
        const book = writeWorkbook(tables);
        return ctx.transfer({
          fileName: exportFileName('export', scope, 'xlsx'),
          mimeType: XLSX_TYPE,
          bytes: book.bytes,
          ...(await cutNote(book.cutCells)),
        });
      }
      const enc = new TextEncoder();
      const files = tables.map((t) => ({
        fileName: exportFileName(t.name, scope, 'csv'),
        mimeType: 'text/csv;charset=utf-8',
        bytes: enc.encode(tableCsv(t)),
      }));
      return ctx.transfer(bundle(files, exportFileName('export', scope, 'zip'))!);
    },
    /** The whole workspace as Parquet files with report.sql (docs/parquet.md), pseudonymised as All Teams is. */
    async exportParquet(): Promise<ExportFile> {
      const [{ workspaceParquetExport }, sql, readme] = await Promise.all([
        import('../../core/export/parquet/parquet-export'),
        import('../../core/export/parquet/report.sql?raw'),
        import('../../core/export/parquet/README.txt?raw'),
      ]);
      const purchases = await ctx.db.tokenPurchases.orderBy('date').toArray();
      return ctx.transfer(
        workspaceParquetExport(s.workspace, purchases, s.maskForView(null), { reportSql: sql.default, readme: readme.default }),
      );
    },
  };
}
