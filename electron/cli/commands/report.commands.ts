import type { Command } from 'commander';
import fs from 'node:fs';
import type { DrillDown, IndicatorResult, StatTable } from '../../../shared/contract/reports';
import { periodOf } from '../../../shared/domain/indicators';
import { breakdownLabel, DRILL_RECORD_LABELS, drillCodes, measureLabel } from '../../../shared/i18n/report-labels';
import { PLAN_TEMPLATES } from '../../../shared/plans';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';
import type { CliRuntime } from '../runtime';

const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const viNumber = (n: number | null) => (n === null ? '–' : n.toLocaleString('vi-VN', { maximumFractionDigits: 3 }));

function yearOf(v: string | undefined, name = '--year'): number {
  const y = Number(v);
  if (!v || !Number.isInteger(y) || y < 2000 || y > 2100)
    throw new CliUsageError(`${name} must be a year (YYYY)`, `${name} phải là một năm (YYYY)`);
  return y;
}

function readFileArg(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliUsageError(`cannot read ${file}`, `không đọc được ${file}`);
  }
}

interface PeriodOptions {
  year?: string;
  from?: string;
  to?: string;
  province?: string;
  unit?: string;
  commune?: string;
  plan?: string;
}

/** The period of a report command: a year, or --from/--to. */
function periodRange(o: PeriodOptions): { from: string; to: string } {
  if (o.from || o.to) {
    if (!o.from || !o.to)
      throw new CliUsageError('give both --from and --to (YYYY-MM-DD)', 'hãy cho cả --from và --to (YYYY-MM-DD)');
    return { from: o.from, to: o.to };
  }
  return periodOf('year', yearOf(o.year));
}

/** The area of a report command: --province PP or --unit/--commune CODE (default: the caller's). */
function areaOf(o: PeriodOptions): { provinceCode?: string; communeCode?: string } {
  const commune = o.unit ?? o.commune;
  return { ...(o.province ? { provinceCode: o.province } : {}), ...(commune ? { communeCode: commune } : {}) };
}

/** The period, area and plan of a report command. */
function reportQuery(o: PeriodOptions) {
  return { ...periodRange(o), ...areaOf(o), ...(o.plan ? { planId: o.plan } : {}) };
}

function indicatorLine(rt: CliRuntime, i: IndicatorResult): string {
  // A label longer than the column gets a line of its own (cut, it read "…chuyển phát nhanh," with no end).
  const full = i.label[rt.lang];
  const label = full.length > 60 ? `${full}\n${' '.repeat(60)}` : full.padEnd(60);
  if (i.status !== 'ok')
    return `${label} ${i.status === 'no_source' ? (rt.lang === 'vi' ? 'chưa có nguồn dữ liệu' : 'no data source yet') : rt.lang === 'vi' ? 'ngoài quyền xem' : 'not visible to your role'}`;
  const unit = i.unit === 'percent' || i.unit === 'growth' ? ' %' : '';
  const value = i.breakdown
    ? i.breakdown
        .map(
          (b) =>
            `${breakdownLabel(rt.lang, i.id, b.key)}${b.measure ? ` (${measureLabel(rt.lang, b.measure)})` : ''}: ${viNumber(b.value)}`,
        )
        .join('; ') || '–'
    : i.value === null
      ? '–'
      : `${viNumber(i.value)}${unit}`;
  const target = i.target === null ? '' : ` (${rt.lang === 'vi' ? 'chỉ tiêu' : 'target'} ${viNumber(i.target)}${unit}`;
  const delta =
    i.delta === null
      ? target
        ? ')'
        : ''
      : `, ${i.delta >= 0 ? '+' : ''}${viNumber(i.delta)} ${unit ? (rt.lang === 'vi' ? 'điểm' : 'points') : ''})`;
  return `${label} ${value}${target}${delta}`;
}

/** A statistical table as aligned text: the row head, then one column per key. */
function tableText(rt: CliRuntime, t: StatTable): string {
  const title = t.title[rt.lang];
  if (t.status !== 'ok') return `${title}: ${rt.lang === 'vi' ? 'không có dữ liệu để xem' : 'nothing to show'}`;
  const head = [t.rowHead[rt.lang], ...t.columns.map((c) => c.label[rt.lang])];
  const body = t.rows.map((r) => [
    r.label[rt.lang],
    ...r.values.map((v) => v.toLocaleString('vi-VN', { maximumFractionDigits: t.decimals ?? 0 })),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(head), ...body.map(line)].join('\n');
}

/** A drill-down page: how many in all, then a line per record (date dd/mm/yyyy, kind, title, state, commune). */
function drillText(rt: CliRuntime, d: DrillDown): string {
  const vi = rt.lang === 'vi';
  const from = d.rows.length ? d.offset + 1 : d.offset;
  return [
    vi
      ? `${d.indicatorId} (${d.part === 'numerator' ? 'tử số' : 'mẫu số'}): ${viNumber(d.total)} hồ sơ; đang xem ${from}–${d.offset + d.rows.length}`
      : `${d.indicatorId} (${d.part}): ${d.total} records; showing ${from}–${d.offset + d.rows.length}`,
    ...d.rows.map((r) => {
      const codes = drillCodes(rt.lang, r.recordType, r.detail, r.kind);
      return [
        r.date ? viDate(r.date) : '          ',
        DRILL_RECORD_LABELS[rt.lang][r.recordType],
        r.id,
        r.title ?? '',
        codes.detail ?? '',
        codes.kind ?? '',
        r.quantity !== null ? `${viNumber(r.quantity)} ${measureLabel(rt.lang, r.measure)}` : '',
        r.communeName ?? '',
      ]
        .filter((x) => x !== '')
        .join('  ');
    }),
  ].join('\n');
}

/**
 * plan list|import|template, commune status set, commune population import, report kpi|communes|tables|drill|
 * drill-export|export.
 */
export function registerReportCommands(program: Command, run: RunCommand): void {
  const plan = program.command('plan').description('Kế hoạch và chỉ tiêu / plans and targets');
  plan
    .command('list')
    .description('Liệt kê kế hoạch / list plans')
    .action(
      run(async (rt) => {
        const plans = await rt.call('plans.list', {});
        rt.print(
          plans,
          () =>
            plans
              .map(
                (p) =>
                  `${p.id}  ${p.decisionNumber} (${viDate(p.decisionDate)}) ${p.fromYear}–${p.toYear}  ${p.title}  [${p.targets.length} ${rt.lang === 'vi' ? 'chỉ tiêu' : 'targets'}]`,
              )
              .join('\n') || (rt.lang === 'vi' ? 'Chưa có kế hoạch.' : 'No plans.'),
        );
      }),
    );
  plan
    .command('import <file>')
    .description(
      'Nạp kế hoạch từ tệp JSON (mẫu: hoso plan template); kế hoạch cấp tỉnh chưa có mã tỉnh nhận tỉnh của bạn / ' +
        'load a plan from a JSON file (templates: hoso plan template); a province plan without a code takes yours',
    )
    .option('--replace <planId>', 'thay kế hoạch đã có / replace an existing plan')
    .action(
      run(async (rt, file: string, o: { replace?: string }) => {
        let json: unknown;
        try {
          json = JSON.parse(readFileArg(file));
        } catch (e) {
          if (e instanceof CliUsageError) throw e;
          throw new CliUsageError(`${file} is not JSON`, `${file} không phải JSON`);
        }
        const p = await rt.call('plans.save', { plan: json as never, ...(o.replace ? { planId: o.replace } : {}) });
        rt.print(p, () => `${rt.lang === 'vi' ? 'Đã nạp' : 'Loaded'}: ${p.id}  ${p.decisionNumber}  ${p.title}`);
      }),
    );
  plan
    .command('template [key]')
    .description('In mẫu kế hoạch từ các văn bản gốc (JSON) / print a seed plan template (JSON)')
    .action(
      run(
        async (rt, key: string | undefined) => {
          if (!key) {
            process.stdout.write(`${PLAN_TEMPLATES.map((t) => `${t.key}  ${t.plan.title}`).join('\n')}\n`);
            return;
          }
          const t = PLAN_TEMPLATES.find((x) => x.key === key);
          if (!t) throw new CliUsageError(`no template ${key}`, `không có mẫu ${key}`);
          process.stdout.write(`${JSON.stringify(t.plan, null, 2)}\n`);
        },
        { signIn: false },
      ),
    );

  const communeCmd = program.command('commune').description('Tình hình xã, phường theo năm / communes per year');
  const status = communeCmd.command('status').description('Công nhận không ma túy, địa bàn trọng điểm / status');
  status
    .command('set')
    .description('Ghi tình hình một xã trong năm / set one commune’s status for a year')
    .requiredOption('--commune <code>', 'mã xã (5 số) / commune code')
    .requiredOption('--year <yyyy>', 'năm / year')
    .option('--drug-free', 'được công nhận không ma túy / recognised drug-free')
    .option('--not-drug-free', 'bỏ công nhận / not drug-free')
    .option('--decision <text>', 'số quyết định công nhận / decision number')
    .option('--date <yyyy-mm-dd>', 'ngày quyết định / decision date')
    .option('--key-area <type>', 'loại địa bàn trọng điểm I, II, III hoặc none / key-area type')
    .option('--population <n>', 'dân số / population')
    .action(
      run(
        async (
          rt,
          o: {
            commune: string;
            year: string;
            drugFree?: boolean;
            notDrugFree?: boolean;
            decision?: string;
            date?: string;
            keyArea?: string;
            population?: string;
          },
        ) => {
          if (o.drugFree && o.notDrugFree)
            throw new CliUsageError(
              '--drug-free and --not-drug-free exclude each other',
              'không dùng --drug-free cùng --not-drug-free',
            );
          const s = await rt.call('communeStatus.set', {
            communeCode: o.commune,
            year: yearOf(o.year),
            ...(o.drugFree ? { drugFree: true } : o.notDrugFree ? { drugFree: false } : {}),
            ...(o.decision ? { drugFreeDecision: o.decision } : {}),
            ...(o.date ? { drugFreeDate: o.date } : {}),
            ...(o.keyArea ? { keyAreaType: o.keyArea === 'none' ? null : o.keyArea } : {}),
            ...(o.population ? { population: Number(o.population) } : {}),
          });
          rt.print(
            s,
            () =>
              `${s.communeName} ${s.year}: ${s.drugFree ? (rt.lang === 'vi' ? 'không ma túy' : 'drug-free') : '–'}${s.drugFreeDecision ? ` (${s.drugFreeDecision})` : ''}${s.keyAreaType ? `, ${rt.lang === 'vi' ? 'trọng điểm loại' : 'key area type'} ${s.keyAreaType}` : ''}${s.population !== null ? `, ${rt.lang === 'vi' ? 'dân số' : 'population'} ${viNumber(s.population)}` : ''}`,
          );
        },
      ),
    );
  communeCmd
    .command('population')
    .description('Dân số các xã / commune populations')
    .command('import <file>')
    .description('Nạp dân số từ CSV: mã xã,dân số / import populations from CSV: commune code,population')
    .requiredOption('--year <yyyy>', 'năm / year')
    .action(
      run(async (rt, file: string, o: { year: string }) => {
        const r = await rt.call('communeStatus.importPopulation', { year: yearOf(o.year), csv: readFileArg(file) });
        rt.print(r, () => `${rt.lang === 'vi' ? 'Đã cập nhật dân số' : 'Populations updated'}: ${r.updated}`);
      }),
    );

  const report = program.command('report').description('Báo cáo, chỉ tiêu / reports and indicators');
  const periodOptions = (c: Command) =>
    c
      .option('--year <yyyy>', 'năm báo cáo / report year')
      .option('--from <yyyy-mm-dd>', 'từ ngày / from')
      .option('--to <yyyy-mm-dd>', 'đến ngày / to')
      .option('--province <pp>', 'mã tỉnh / province code')
      .option('--unit <code>', 'mã xã (5 số) / commune code')
      .option('--plan <id>', 'kế hoạch so sánh / plan to compare against');
  periodOptions(report.command('kpi').description('Các chỉ tiêu của kỳ / every indicator of a period')).action(
    run(async (rt, o: PeriodOptions) => {
      const k = await rt.call('reports.kpi', reportQuery(o));
      const out = k.indicators.map((i) => ({
        id: i.id,
        status: i.status,
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
        target: i.target,
        delta: i.delta,
        ...(i.breakdown ? { breakdown: i.breakdown } : {}),
      }));
      rt.print(out, () =>
        [
          `${k.area.name}, ${viDate(k.period.from)} – ${viDate(k.period.to)}${k.plan ? `; ${k.plan.decisionNumber}` : ''}`,
          ...k.indicators.map((i) => indicatorLine(rt, i)),
        ].join('\n'),
      );
    }),
  );
  periodOptions(
    report.command('communes').description('Bảng các xã, phường trong năm / the commune table of a year'),
  ).action(
    run(async (rt, o: PeriodOptions) => {
      const rows = await rt.call('reports.communes', { year: Number(periodRange(o).from.slice(0, 4)), ...areaOf(o) });
      const vi = rt.lang === 'vi';
      rt.print(rows, () =>
        [
          vi
            ? 'Mã xã  Tên                                 Không ma túy  Trọng điểm  Dân số      Trong diện  Được tiếp cận  Tỷ lệ/dân số'
            : 'Code   Name                                Drug-free     Key area    Population  On record   Reached        Share',
          ...rows.map(
            (r) =>
              `${r.communeCode}  ${r.communeName.padEnd(34).slice(0, 34)}  ${(r.drugFree ? (vi ? 'có' : 'yes') : '–').padEnd(12)}  ${(r.keyAreaType ?? '–').padEnd(10)}  ${viNumber(r.population).padEnd(10)}  ${viNumber(r.onRecord).padEnd(10)}  ${viNumber(r.reached).padEnd(13)}  ${r.onRecordShare === null ? '–' : `${viNumber(r.onRecordShare)} %`}`,
          ),
        ].join('\n'),
      );
    }),
  );
  periodOptions(
    report.command('tables').description('Các biểu thống kê của kỳ / the statistical tables of a period'),
  ).action(
    run(async (rt, o: PeriodOptions) => {
      const tables = await rt.call('reports.tables', { ...periodRange(o), ...areaOf(o) });
      rt.print(tables, () => tables.map((t) => tableText(rt, t)).join('\n\n'));
    }),
  );
  const drillOptions = (c: Command) =>
    periodOptions(c)
      .requiredOption('--indicator <id>', 'mã chỉ tiêu (hoso report kpi --json) / indicator id')
      .option('--part <part>', 'numerator (tử số) | denominator (mẫu số)', 'numerator')
      .option('--key <key>', 'một dòng của chỉ tiêu chia nhỏ (kênh, chất, trạng thái…) / a breakdown line')
      .option('--measure <unit>', 'đơn vị đo của chất / the substance’s measuring unit');
  type DrillOptions = PeriodOptions & { indicator: string; part: string; key?: string; measure?: string };
  const drillQuery = (o: DrillOptions) => ({
    ...periodRange(o),
    ...areaOf(o),
    indicatorId: o.indicator,
    part: o.part as 'numerator',
    ...(o.key ? { key: o.key } : {}),
    ...(o.measure ? { measure: o.measure } : {}),
  });

  drillOptions(
    report
      .command('drill')
      .description('Các hồ sơ đứng sau một chỉ tiêu (được ghi nhật ký) / the records behind an indicator (audited)'),
  )
    .option('--offset <n>', 'bỏ qua n hồ sơ đầu / skip the first n records', '0')
    .option('--limit <n>', 'số hồ sơ một trang (tối đa 200) / records per page (at most 200)', '50')
    .action(
      run(async (rt, o: DrillOptions & { offset: string; limit: string }) => {
        const d = await rt.call('reports.drilldown', {
          ...drillQuery(o),
          offset: Number(o.offset),
          limit: Number(o.limit),
        });
        rt.print(d, () => drillText(rt, d));
      }),
    );
  drillOptions(
    report
      .command('drill-export')
      .description(
        'Xuất các hồ sơ đứng sau một chỉ tiêu, có họ tên: cần ghi mục đích (được ghi nhật ký) / ' +
          'export the records behind an indicator, with names: needs a purpose (audited)',
      ),
  )
    .requiredOption('--format <format>', 'xlsx | csv')
    .requiredOption('--purpose <text>', 'mục đích xuất / purpose of the export')
    .requiredOption('--out <file>', 'tệp ghi ra / output file')
    .action(
      run(async (rt, o: DrillOptions & { format: string; purpose: string; out: string }) => {
        if (o.format !== 'xlsx' && o.format !== 'csv')
          throw new CliUsageError('--format must be xlsx or csv', '--format phải là xlsx hoặc csv');
        if (fs.existsSync(o.out)) throw new CliUsageError(`${o.out} already exists`, `${o.out} đã có, không ghi đè`);
        const f = await rt.call('reports.drilldownExport', {
          ...drillQuery(o),
          format: o.format,
          purpose: o.purpose,
        });
        const bytes = Buffer.from(f.base64, 'base64');
        fs.writeFileSync(o.out, bytes, { flag: 'wx' });
        rt.print({ file: o.out, bytes: bytes.length }, () => (rt.lang === 'vi' ? `Đã ghi ${o.out}` : `Wrote ${o.out}`));
      }),
    );
  periodOptions(
    report
      .command('export')
      .description('Xuất báo cáo ra tệp (được ghi nhật ký) / export the report to a file (audited)'),
  )
    .requiredOption('--format <format>', 'xlsx | csv | pdf')
    .requiredOption('--out <file>', 'tệp ghi ra / output file')
    .action(
      run(async (rt, o: PeriodOptions & { format: string; out: string }) => {
        if (o.format !== 'xlsx' && o.format !== 'csv' && o.format !== 'pdf')
          throw new CliUsageError('--format must be xlsx, csv or pdf', '--format phải là xlsx, csv hoặc pdf');
        if (fs.existsSync(o.out)) throw new CliUsageError(`${o.out} already exists`, `${o.out} đã có, không ghi đè`);
        const f = await rt.call('reports.export', { ...reportQuery(o), format: o.format });
        fs.writeFileSync(o.out, Buffer.from(f.base64, 'base64'), { flag: 'wx' });
        rt.print({ file: o.out, bytes: Buffer.from(f.base64, 'base64').length }, () =>
          rt.lang === 'vi' ? `Đã ghi ${o.out}` : `Wrote ${o.out}`,
        );
      }),
    );
}
