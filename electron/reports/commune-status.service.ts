import { v5 as uuidv5 } from 'uuid';
import type { CommuneStatusView } from '../../shared/contract/reports';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { KeyAreaType } from '../../shared/domain/indicators';
import { commune, communesOf } from '../../shared/places';
import { compareVietnamese } from '../../shared/text/fold';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import type { Db } from '../platform/table-spec';
import { callerProvince } from './report.area';
import { reportRepository } from './report.repository';
import type { CommuneStatusTable } from './report.schema';

/**
 * One record per commune and year, with an id derived from both: two workstations that mark the same commune in
 * the same year write to one record, which the merge then reconciles field by field.
 */
const NAMESPACE = '6f1c2d7e-3b4a-5c6d-8e9f-0a1b2c3d4e5f';
export function statusId(communeCode: string, year: number): string {
  return uuidv5(`commune-status:${communeCode}:${year}`, NAMESPACE);
}

type Patch = Partial<
  Pick<
    CommuneStatusTable,
    'population' | 'drugFree' | 'drugFreeDecision' | 'drugFreeDate' | 'keyAreaType' | 'keyAreaDecision'
  >
>;

export function statusesOf(db: Db, provinceCode: string, year: number): Promise<Map<string, CommuneStatusTable>> {
  return reportRepository.statusesOf(db, provinceCode, year);
}

export function statusView(communeCode: string, year: number, r: CommuneStatusTable | undefined): CommuneStatusView {
  const c = commune(communeCode)!;
  return {
    communeCode,
    communeName: c.name,
    provinceCode: c.provinceCode,
    year,
    population: r?.population ?? null,
    drugFree: r?.drugFree === 1,
    drugFreeDecision: r?.drugFreeDecision ?? null,
    drugFreeDate: r?.drugFreeDate ?? null,
    keyAreaType: (r?.keyAreaType as KeyAreaType | null) ?? null,
    keyAreaDecision: r?.keyAreaDecision ?? null,
  };
}

/** The commune must be one of the caller's province (leaders mark their own province's communes). */
function ownCommune(ctx: DomainContext, communeCode: string, path = 'communeCode') {
  const c = commune(communeCode);
  if (!c)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'unknown commune', { issues: [{ path, code: 'commune_unknown' }] });
  if (c.provinceCode !== callerProvince(ctx) || !ctx.scope('persons').provinceCode)
    throw new AppError(ErrorCodes.FORBIDDEN, 'this commune is outside your province');
  return c;
}

async function writeStatus(ctx: DomainContext, communeCode: string, provinceCode: string, year: number, patch: Patch) {
  const id = statusId(communeCode, year);
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Patch;
  if (await reportRepository.statusExists(ctx.db(), id)) {
    await updateRecord(ctx.db(), ctx.changes(), 'communeStatuses', id, clean);
  } else {
    await insertRecord(ctx.db(), ctx.changes(), 'communeStatuses', id, {
      provinceCode,
      communeCode,
      year,
      population: null,
      drugFree: 0,
      drugFreeDecision: null,
      drugFreeDate: null,
      keyAreaType: null,
      keyAreaDecision: null,
      ...clean,
    });
  }
  return id;
}

/** `commune code,population` lines; a first line that is not a code is a header. Returns the pairs or the bad lines. */
export function parsePopulationCsv(text: string): { rows: { code: string; population: number }[]; bad: number[] } {
  const rows: { code: string; population: number }[] = [];
  const bad: number[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    const code = cells[0] ?? '';
    const n = (cells[cells.length - 1] ?? '').replace(/[.\s]/g, '');
    if (i === 0 && !/^\d{1,5}$/.test(code)) return;
    if (!/^\d{1,5}$/.test(code) || !/^\d{1,8}$/.test(n) || cells.length < 2) {
      bad.push(i + 1);
      return;
    }
    rows.push({ code: code.padStart(5, '0'), population: Number(n) });
  });
  return { rows, bad };
}

export const communeStatusHandlers: DomainHandlerGroup<
  'communeStatus.list' | 'communeStatus.set' | 'communeStatus.setMany' | 'communeStatus.importPopulation'
> = {
  async 'communeStatus.list'(ctx, { year, provinceCode }) {
    const own = callerProvince(ctx);
    const province = provinceCode ?? own;
    if (!province || province !== own) throw new AppError(ErrorCodes.FORBIDDEN, 'this province is outside your scope');
    const statuses = await statusesOf(ctx.db(), province, year);
    return communesOf(province)
      .map((c) => statusView(c.code, year, statuses.get(c.code)))
      .sort((a, b) => compareVietnamese(a.communeName, b.communeName));
  },

  async 'communeStatus.set'(ctx, { communeCode, year, drugFree, ...rest }) {
    const c = ownCommune(ctx, communeCode);
    const patch: Patch = { ...rest, ...(drugFree === undefined ? {} : { drugFree: drugFree ? 1 : 0 }) } as Patch;
    if (drugFree === false) {
      patch.drugFreeDecision = null;
      patch.drugFreeDate = null;
    }
    const id = await writeStatus(ctx, communeCode, c.provinceCode, year, patch);
    ctx.target({ recordType: 'commune_status', recordId: id, detail: { commune: communeCode, year } });
    const statuses = await statusesOf(ctx.db(), c.provinceCode, year);
    return statusView(communeCode, year, statuses.get(communeCode));
  },

  async 'communeStatus.setMany'(ctx, { year, communeCodes, drugFree, drugFreeDecision, drugFreeDate }) {
    const unique = [...new Set(communeCodes)];
    const communes = unique.map((code, i) => ownCommune(ctx, code, `communeCodes.${i}`));
    for (const c of communes) {
      await writeStatus(ctx, c.code, c.provinceCode, year, {
        drugFree: drugFree ? 1 : 0,
        drugFreeDecision: drugFree ? drugFreeDecision : null,
        drugFreeDate: drugFree ? drugFreeDate : null,
      });
    }
    ctx.target({
      recordType: 'commune_status',
      detail: { year, communes: communes.length, drugFree, decision: drugFreeDecision },
    });
    return { updated: communes.length };
  },

  async 'communeStatus.importPopulation'(ctx, { year, csv }) {
    const { rows, bad } = parsePopulationCsv(csv);
    if (bad.length)
      throw new AppError(ErrorCodes.INVALID_INPUT, `population lines not understood: ${bad.slice(0, 20).join(', ')}`, {
        issues: bad.slice(0, 20).map((line) => ({ path: `csv.line${line}`, code: 'population_line_invalid' })),
      });
    if (!rows.length)
      throw new AppError(ErrorCodes.INVALID_INPUT, 'no population lines', {
        issues: [{ path: 'csv', code: 'required' }],
      });
    const communes = rows.map((r, i) => ({ c: ownCommune(ctx, r.code, `csv.line${i + 1}`), population: r.population }));
    for (const { c, population } of communes) await writeStatus(ctx, c.code, c.provinceCode, year, { population });
    ctx.target({ recordType: 'commune_status', detail: { year, populations: communes.length } });
    return { updated: communes.length };
  },
};
