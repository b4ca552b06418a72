import fs from 'node:fs';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { ReportFile } from '../../shared/contract/reports';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { auditReport, reportArea } from './report.area';
import { computeCommuneTable, computeKpi, computeTables, sourceFamily, type Visible } from './report.compute';
import { drill } from './report.drilldown';
import { toPdf } from './report.pdf';
import { drillCsv, drillFileName, drillXlsx, reportFileName, toCsv, toXlsx } from './report.export';
import { indicator } from '../../shared/domain/indicators';
import type { ReportArea } from '../../shared/contract/reports';

const visibleTo =
  (ctx: DomainContext): Visible =>
  (family) =>
    ctx.scope(family).view !== 'none';

export const reportHandlers: DomainHandlerGroup<
  | 'reports.kpi'
  | 'reports.communes'
  | 'reports.tables'
  | 'reports.export'
  | 'reports.print'
  | 'reports.drilldown'
  | 'reports.drilldownExport'
> = {
  async 'reports.kpi'(ctx, input) {
    const area = reportArea(ctx, input);
    const period = { from: input.from, to: input.to };
    auditReport(ctx, 'kpi', area, period);
    return computeKpi(ctx.db(), area, period, visibleTo(ctx), {
      planId: input.planId,
      trendYears: input.trendYears,
      cache: ctx.changes().workstationId,
    });
  },

  async 'reports.communes'(ctx, input) {
    const area = reportArea(ctx, input);
    auditReport(ctx, 'communes', area, { year: input.year });
    return computeCommuneTable(ctx.db(), area, input.year, visibleTo(ctx), ctx.changes().workstationId);
  },

  async 'reports.tables'(ctx, input) {
    const area = reportArea(ctx, input);
    const period = { from: input.from, to: input.to };
    auditReport(ctx, 'tables', area, period);
    return computeTables(ctx.db(), area, period, visibleTo(ctx), ctx.changes().workstationId);
  },

  async 'reports.export'(ctx, input) {
    const area = reportArea(ctx, input);
    const period = { from: input.from, to: input.to };
    auditReport(ctx, 'export', area, period, { format: input.format });
    const kpi = await computeKpi(ctx.db(), area, period, visibleTo(ctx), {
      planId: input.planId,
      cache: ctx.changes().workstationId,
    });
    let bytes: Buffer;
    let fileName: string;
    let mimeType: string;
    if (input.format === 'csv') {
      bytes = toCsv(kpi);
      fileName = reportFileName(kpi, 'csv');
      mimeType = 'text/csv;charset=utf-8';
    } else if (input.format === 'pdf') {
      const tables = await computeTables(ctx.db(), area, period, visibleTo(ctx), ctx.changes().workstationId);
      bytes = await toPdf(kpi, tables, ctx.now());
      fileName = reportFileName(kpi, 'pdf');
      mimeType = 'application/pdf';
    } else {
      const year = Number(input.to.slice(0, 4));
      const cache = ctx.changes().workstationId;
      const communes = await computeCommuneTable(ctx.db(), area, year, visibleTo(ctx), cache);
      const tables = await computeTables(ctx.db(), area, period, visibleTo(ctx), cache);
      bytes = await toXlsx(kpi, communes, tables, ctx.now());
      fileName = reportFileName(kpi, 'xlsx');
      mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
    return writeOrReturn(input.path, fileName, mimeType, bytes);
  },

  async 'reports.drilldown'(ctx, input) {
    const { area, env } = drillEnv(ctx, input);
    const period = { from: input.from, to: input.to };
    const d = await drill(ctx.db(), env, { ...input, limit: input.limit });
    auditReport(ctx, 'drilldown', area, period, {
      indicator: input.indicatorId,
      part: input.part,
      key: env.key,
      total: d.total,
      offset: input.offset,
      rows: d.rows.length,
    });
    return d;
  },

  async 'reports.drilldownExport'(ctx, input) {
    const { area, env } = drillEnv(ctx, input);
    const period = { from: input.from, to: input.to };
    const d = await drill(ctx.db(), env, { ...input, offset: 0, limit: null });
    if (d.total > DRILL_EXPORT_MAX)
      throw new AppError(ErrorCodes.INVALID_INPUT, 'too many records for one file', {
        issues: [{ path: 'part', code: 'drill_too_many' }],
      });
    auditReport(ctx, 'drilldown', area, period, {
      indicator: input.indicatorId,
      part: input.part,
      key: env.key,
      format: input.format,
      purpose: input.purpose,
      rows: d.rows.length,
    });
    const label = indicator(input.indicatorId)!.label.vi;
    const fileName = drillFileName(d, area, period, input.format);
    if (input.format === 'csv')
      return writeOrReturn(input.path, fileName, 'text/csv;charset=utf-8', drillCsv(d, label, period, input.purpose));
    return writeOrReturn(
      input.path,
      fileName,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      await drillXlsx(d, label, period, input.purpose, ctx.now()),
    );
  },

  async 'reports.print'(ctx, input) {
    const area = reportArea(ctx, input);
    auditReport(ctx, 'print', area, { from: input.from, to: input.to }, { format: 'print' });
    return { recorded: true };
  },
};

/** A drill-down export is one file a person can read: kept to what a spreadsheet and a reader handle. */
const DRILL_EXPORT_MAX = 50_000;

/** The area (within reach) and the caller's scopes for a drill-down; an indicator they may not see is refused. */
function drillEnv(
  ctx: DomainContext,
  input: { indicatorId: string; key?: string; measure?: string; provinceCode?: string; communeCode?: string } & {
    from: string;
    to: string;
  },
): { area: ReportArea; env: Parameters<typeof drill>[1] } {
  const area = reportArea(ctx, input);
  const def = indicator(input.indicatorId)!;
  if (!visibleTo(ctx)(sourceFamily(def.source)))
    throw new AppError(ErrorCodes.FORBIDDEN, 'your role does not read the records behind this indicator');
  return {
    area,
    env: {
      area,
      period: { from: input.from, to: input.to },
      key: input.key ?? null,
      measure: input.measure ?? null,
      role: ctx.session().role,
      scope: (f) => ctx.scope(f),
    },
  };
}

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
