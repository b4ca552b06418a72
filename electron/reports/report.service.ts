import fs from 'node:fs';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { ReportFile } from '../../shared/contract/reports';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { auditReport, reportArea } from './report.area';
import { computeCommuneTable, computeKpi, computeTables, type Visible } from './report.compute';
import { reportFileName, toCsv, toXlsx } from './report.export';

const visibleTo =
  (ctx: DomainContext): Visible =>
  (family) =>
    ctx.scope(family).view !== 'none';

export const reportHandlers: DomainHandlerGroup<
  'reports.kpi' | 'reports.communes' | 'reports.tables' | 'reports.export' | 'reports.print'
> = {
  async 'reports.kpi'(ctx, input) {
    const area = reportArea(ctx, input);
    const period = { from: input.from, to: input.to };
    auditReport(ctx, 'kpi', area, period);
    return computeKpi(ctx.db(), area, period, visibleTo(ctx), { planId: input.planId, trendYears: input.trendYears });
  },

  async 'reports.communes'(ctx, input) {
    const area = reportArea(ctx, input);
    auditReport(ctx, 'communes', area, { year: input.year });
    return computeCommuneTable(ctx.db(), area, input.year, visibleTo(ctx));
  },

  async 'reports.tables'(ctx, input) {
    const area = reportArea(ctx, input);
    const period = { from: input.from, to: input.to };
    auditReport(ctx, 'tables', area, period);
    return computeTables(ctx.db(), area, period, visibleTo(ctx));
  },

  async 'reports.export'(ctx, input) {
    const area = reportArea(ctx, input);
    const period = { from: input.from, to: input.to };
    auditReport(ctx, 'export', area, period, { format: input.format });
    const kpi = await computeKpi(ctx.db(), area, period, visibleTo(ctx), { planId: input.planId });
    let bytes: Buffer;
    let fileName: string;
    let mimeType: string;
    if (input.format === 'csv') {
      bytes = toCsv(kpi);
      fileName = reportFileName(kpi, 'csv');
      mimeType = 'text/csv;charset=utf-8';
    } else {
      const year = Number(input.to.slice(0, 4));
      const communes = await computeCommuneTable(ctx.db(), area, year, visibleTo(ctx));
      const tables = await computeTables(ctx.db(), area, period, visibleTo(ctx));
      bytes = await toXlsx(kpi, communes, tables, ctx.now());
      fileName = reportFileName(kpi, 'xlsx');
      mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
    return writeOrReturn(input.path, fileName, mimeType, bytes);
  },

  async 'reports.print'(ctx, input) {
    const area = reportArea(ctx, input);
    auditReport(ctx, 'print', area, { from: input.from, to: input.to }, { format: 'print' });
    return { recorded: true };
  },
};

/** Writes the file where the user chose (never over an existing file), or hands its bytes back (the CLI). */
function writeOrReturn(path: string | undefined, fileName: string, mimeType: string, bytes: Buffer): ReportFile {
  if (!path) return { fileName, mimeType, path: null, bytes: bytes.length, base64: bytes.toString('base64') };
  try {
    fs.writeFileSync(path, bytes, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new AppError(ErrorCodes.INVALID_INPUT, 'the file already exists', {
        issues: [{ path: 'path', code: 'file_exists' }],
      });
    throw new AppError(ErrorCodes.IO_ERROR, `cannot write the export (${code ?? 'error'})`);
  }
  return { fileName, mimeType, path, bytes: bytes.length, base64: '' };
}
