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
    if (input.format === 'csv')
      return {
        fileName: reportFileName(kpi, 'csv'),
        mimeType: 'text/csv;charset=utf-8',
        base64: toCsv(kpi).toString('base64'),
      };
    const year = Number(input.to.slice(0, 4));
    const communes = await computeCommuneTable(ctx.db(), area, year, visibleTo(ctx));
    const tables = await computeTables(ctx.db(), area, period, visibleTo(ctx));
    const file = await toXlsx(kpi, communes, tables, ctx.now());
    return {
      fileName: reportFileName(kpi, 'xlsx'),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: file.toString('base64'),
    };
  },

  async 'reports.print'(ctx, input) {
    const area = reportArea(ctx, input);
    auditReport(ctx, 'print', area, { from: input.from, to: input.to }, { format: 'print' });
    return { recorded: true };
  },
};
