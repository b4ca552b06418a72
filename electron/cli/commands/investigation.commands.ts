import type { Command } from 'commander';
import type { CaseSummary, CaseView, HotspotView, TipView } from '../../../shared/contract/investigation-types';
import { offenceOf } from '../../../shared/domain/investigations/offences';
import { investigationLabels, penaltyText } from '../../../shared/i18n/investigation-labels';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';
import type { CliRuntime } from '../runtime';
import { readJson } from '../io';

const D = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '-');

function daysText(rt: CliRuntime, daysLeft: number | null): string {
  if (daysLeft === null) return '';
  if (rt.lang === 'vi') return daysLeft < 0 ? ` (quá hạn ${-daysLeft} ngày)` : ` (còn ${daysLeft} ngày)`;
  return daysLeft < 0 ? ` (${-daysLeft} days overdue)` : ` (${daysLeft} days left)`;
}

function tipText(rt: CliRuntime, t: TipView): string {
  const L = investigationLabels[rt.lang];
  const vi = rt.lang === 'vi';
  return [
    `${t.id}  ${D(t.receivedOn)}${t.receivedAt ? ` ${t.receivedAt.slice(11, 16)}` : ''}  ${L.tipSource[t.source]} · ${L.tipChannel[t.channel]}`,
    `${vi ? 'Trạng thái' : 'State'}: ${L.tipState[t.state]}${t.decidedOn ? ` ${D(t.decidedOn)}` : ''}`,
    `${vi ? 'Hạn giải quyết' : 'Deadline'}: ${D(t.deadline)}${daysText(rt, t.daysLeft)}${t.extensions.length ? ` · ${vi ? 'gia hạn' : 'extended'} ${t.extensions.length}` : ''}`,
    t.caseId ? `${vi ? 'Vụ án' : 'Case'}: ${t.caseId}` : '',
    t.personIds.length
      ? `${vi ? 'Người liên quan' : 'Persons named'}: ${[
          ...t.persons.map((p) => p.fullName),
          ...(t.personIds.length > t.persons.length
            ? [`${t.personIds.length - t.persons.length} ${vi ? 'người ngoài phạm vi' : 'outside your scope'}`]
            : []),
        ].join(', ')}`
      : '',
    t.summary,
  ]
    .filter(Boolean)
    .join('\n');
}

function caseLine(rt: CliRuntime, c: CaseSummary | CaseView): string {
  const L = investigationLabels[rt.lang];
  const offences = c.offences.map((o) => `${o.article}.${o.clause}`).join(', ');
  return `${c.id}  ${c.number.padEnd(14)} ${D(c.prosecutedOn)}  ${offences.padEnd(12)} ${L.severity[c.severity]} · ${L.caseState[c.state]} · ${D(c.deadline)}${daysText(rt, c.daysLeft)}`;
}

function caseText(rt: CliRuntime, c: CaseView): string {
  const L = investigationLabels[rt.lang];
  const vi = rt.lang === 'vi';
  return [
    caseLine(rt, c),
    ...c.offences.map(
      (o) =>
        `  ${vi ? 'Điều' : 'Art.'} ${o.article} ${vi ? 'khoản' : 'cl.'} ${o.clause}: ${offenceOf(o.article)?.title[rt.lang] ?? ''} (${penaltyText(o.minYears, o.maxPenalty, rt.lang)})`,
    ),
    ...c.extensions.map(
      (e, i) =>
        `  ${vi ? 'Gia hạn' : 'Extension'} ${i + 1}: ${e.decisionNumber} ${D(e.decidedOn)} +${e.months} → ${D(e.until)}`,
    ),
    ...c.suspects.map(
      (s) => `  ${s.person?.fullName ?? s.personId} · ${L.suspectRole[s.role]} · ${L.suspectOutcome[s.outcome]}`,
    ),
    ...c.totals.substances.map(
      (t) => `  ${L.substance[t.substance]}: ${t.quantity.toLocaleString('vi-VN')} ${L.unit[t.unit]}`,
    ),
    ...c.totals.exhibits.map((t) => `  ${L.exhibit[t.exhibit]}: ${t.count.toLocaleString('vi-VN')}`),
  ].join('\n');
}

function hotspotLine(rt: CliRuntime, h: HotspotView): string {
  const L = investigationLabels[rt.lang];
  const reformed = h.reformedCount
    ? rt.lang === 'vi'
      ? ` · TÁI HÌNH THÀNH ${h.reformedCount} lần`
      : ` · RE-FORMED ${h.reformedCount}×`
    : '';
  return `${h.id}  ${h.communeCode}  ${L.hotspotKind[h.kind]} · ${L.hotspotStatus[h.status]} ${D(h.statusOn)}${reformed}  ${h.address}`;
}

/** tip add|show|update|decide|list, case add|show|find|advance|extend, hotspot add|list|update. */
export function registerInvestigationCommands(program: Command, run: RunCommand): void {
  const tip = program.command('tip').description('Tin báo, tố giác về tội phạm ma túy / tips and reports');
  tip
    .command('add')
    .description('Tiếp nhận tin báo (JSON trên stdin) / record a tip (JSON on stdin)')
    .action(
      run(async (rt) => {
        const t = await rt.call('tips.create', readJson(rt) as never);
        rt.print(t, () => tipText(rt, t));
      }),
    );
  tip
    .command('show <id>')
    .description('Xem tin báo (được ghi nhật ký) / show a tip (audited)')
    .action(
      run(async (rt, id: string) => {
        const t = await rt.call('tips.get', { tipId: id });
        rt.print(t, () => tipText(rt, t));
      }),
    );
  tip
    .command('update <id>')
    .description('Sửa tin báo (JSON các trường cần sửa) / update a tip (JSON patch on stdin)')
    .action(
      run(async (rt, id: string) => {
        const t = await rt.call('tips.update', { tipId: id, patch: readJson(rt) as never });
        rt.print(t, () => tipText(rt, t));
      }),
    );
  tip
    .command('decide <id>')
    .description(
      'Quyết định giải quyết (JSON: decision, decidedOn, decisionNumber, case khi khởi tố) / decide a tip (JSON on stdin)',
    )
    .action(
      run(async (rt, id: string) => {
        const t = await rt.call('tips.decide', { ...readJson(rt), tipId: id } as never);
        rt.print(t, () => tipText(rt, t));
      }),
    );
  tip
    .command('list')
    .description('Sổ thụ lý tin báo, kèm hạn / the tip register with deadlines')
    .option('--open', 'chỉ tin đang xác minh / verifying only')
    .option('--overdue', 'chỉ tin quá hạn / overdue only')
    .option('--limit <n>', 'số dòng / rows', '100')
    .action(
      run(async (rt, o: { open?: boolean; overdue?: boolean; limit: string }) => {
        const r = await rt.call('tips.list', {
          open: Boolean(o.open),
          overdue: Boolean(o.overdue),
          limit: Number(o.limit),
        });
        const L = investigationLabels[rt.lang];
        rt.print(r, () =>
          [
            `${r.total} ${rt.lang === 'vi' ? 'tin báo' : 'tips'}`,
            ...r.items.map(
              (t) =>
                `${t.id}  ${D(t.receivedOn)}  ${L.tipState[t.state]} · ${D(t.deadline)}${daysText(rt, t.daysLeft)}`,
            ),
          ].join('\n'),
        );
      }),
    );

  const kase = program.command('case').description('Vụ án ma túy / drug cases');
  kase
    .command('add')
    .description('Khởi tố vụ án (JSON: number, prosecutedOn, offences) / open a case (JSON on stdin)')
    .action(
      run(async (rt) => {
        const c = await rt.call('cases.create', readJson(rt) as never);
        rt.print(c, () => caseText(rt, c));
      }),
    );
  kase
    .command('show <id>')
    .description('Xem hồ sơ vụ án (được ghi nhật ký) / show a case file (audited)')
    .action(
      run(async (rt, id: string) => {
        const c = await rt.call('cases.get', { caseId: id });
        rt.print(c, () => caseText(rt, c));
      }),
    );
  kase
    .command('list')
    .description("Danh sách vụ án của đơn vị, mới khởi tố trước / the unit's cases, newest prosecution first")
    .option('--state <state>', 'trạng thái / state (investigating, suspended, ...)')
    .option('--severity <severity>', 'mức độ / severity (less_serious, serious, very_serious, especially_serious)')
    .option('--open', 'chỉ vụ án đang điều tra / under investigation only')
    .option('--offset <n>', 'bỏ qua n vụ đầu / skip the first n', '0')
    .option('--limit <n>', 'số dòng / rows', '50')
    .action(
      run(async (rt, o: { state?: string; severity?: string; open?: boolean; offset: string; limit: string }) => {
        const r = await rt.call('cases.list', {
          state: o.state,
          severity: o.severity,
          open: o.open ? true : undefined,
          offset: Number(o.offset),
          limit: Number(o.limit),
        } as never);
        rt.print(r, () =>
          [`${r.total} ${rt.lang === 'vi' ? 'vụ án' : 'cases'}`, ...r.items.map((c) => caseLine(rt, c))].join('\n'),
        );
      }),
    );
  kase
    .command('find [query...]')
    .description(
      'Tìm theo số vụ án, tên bị can (không dấu cũng được) hoặc CCCD; tên và CCCD nên đưa qua stdin (--query-stdin) / ' +
        'find by case number, suspect name or CCCD; names and IDs belong on stdin',
    )
    .option(
      '--query-stdin',
      'đọc điều kiện tìm từ stdin sau dòng mật khẩu / read the query from stdin after the password',
    )
    .option('--limit <n>', 'số kết quả tối đa / max results', '50')
    .action(
      run(async (rt, words: string[], o: { queryStdin?: boolean; limit: string }) => {
        if (o.queryStdin && words.length)
          throw new CliUsageError(
            'with --query-stdin, give the query on standard input',
            'với --query-stdin, hãy đưa nội dung tìm qua đầu vào chuẩn',
          );
        const query = o.queryStdin
          ? (
              rt.input
                .rest()
                .split(/\r?\n/)
                .find((l) => l.trim()) ?? ''
            ).trim()
          : words.join(' ');
        if (!query) throw new CliUsageError('say what to find', 'hãy cho biết cần tìm gì');
        const r = await rt.call('cases.find', { query, limit: Number(o.limit) });
        rt.print(r, () =>
          [`${r.length} ${rt.lang === 'vi' ? 'vụ án' : 'cases'}`, ...r.map((c) => caseLine(rt, c))].join('\n'),
        );
      }),
    );
  kase
    .command('advance <id>')
    .description('Chuyển trạng thái vụ án / move a case along its workflow')
    .requiredOption('--to <state>', 'recommended | suspended | terminated | investigating | indicted | tried | closed')
    .requiredOption('--on <date>', 'ngày quyết định YYYY-MM-DD / date of the decision')
    .option('--decision <number>', 'số quyết định / decision number')
    .option('--note <text>', 'ghi chú / note')
    .action(
      run(async (rt, id: string, o: { to: string; on: string; decision?: string; note?: string }) => {
        const c = await rt.call('cases.advance', {
          caseId: id,
          state: o.to as never,
          on: o.on,
          decisionNumber: o.decision ?? null,
          note: o.note ?? null,
        });
        rt.print(c, () => caseText(rt, c));
      }),
    );
  kase
    .command('extend <id>')
    .description('Gia hạn điều tra (Điều 172 BLTTHS) / extend the investigation time limit')
    .requiredOption('--months <n>', 'số tháng / months')
    .requiredOption('--on <date>', 'ngày quyết định YYYY-MM-DD / date of the decision')
    .requiredOption('--decision <number>', 'số quyết định gia hạn / decision number')
    .action(
      run(async (rt, id: string, o: { months: string; on: string; decision: string }) => {
        const months = Number(o.months);
        if (!Number.isInteger(months))
          throw new CliUsageError('--months must be a whole number', '--months phải là số nguyên');
        const c = await rt.call('cases.extend', { caseId: id, months, decidedOn: o.on, decisionNumber: o.decision });
        rt.print(c, () => caseText(rt, c));
      }),
    );

  const hotspot = program.command('hotspot').description('Điểm, tụ điểm phức tạp về ma túy / drug hot spots');
  hotspot
    .command('add')
    .description('Ghi nhận điểm (JSON: communeCode, address, kind, activities, discoveredOn) / record a hot spot')
    .action(
      run(async (rt) => {
        const h = await rt.call('hotspots.create', readJson(rt) as never);
        rt.print(h, () => hotspotLine(rt, h));
      }),
    );
  hotspot
    .command('list')
    .description('Danh sách điểm, theo xã / hot spots, per commune')
    .option('--commune <code>', 'mã xã / commune code')
    .option('--status <status>', 'active | under_treatment | eliminated | reformed')
    .option('--limit <n>', 'số dòng / rows', '100')
    .action(
      run(async (rt, o: { commune?: string; status?: string; limit: string }) => {
        const r = await rt.call('hotspots.list', {
          ...(o.commune ? { communeCode: o.commune } : {}),
          ...(o.status ? { status: o.status as never } : {}),
          limit: Number(o.limit),
        });
        const L = investigationLabels[rt.lang];
        rt.print(r, () =>
          [
            `${r.total} ${rt.lang === 'vi' ? 'điểm' : 'hot spots'}`,
            ...r.byCommune.map(
              (c) =>
                `${c.communeCode}: ${(['active', 'under_treatment', 'eliminated', 'reformed'] as const)
                  .map((s) => `${L.hotspotStatus[s]} ${c.counts[s]}`)
                  .join(' · ')}`,
            ),
            ...r.items.map((h) => hotspotLine(rt, h)),
          ].join('\n'),
        );
      }),
    );
  hotspot
    .command('update <id>')
    .description(
      'Sửa điểm (JSON các trường), hoặc chuyển trạng thái (JSON: status, on, caseId) / update a hot spot, or move its ' +
        'status (JSON with status, on, caseId)',
    )
    .action(
      run(async (rt, id: string) => {
        const body = readJson(rt);
        const h =
          'status' in body
            ? await rt.call('hotspots.advance', { ...body, hotspotId: id } as never)
            : await rt.call('hotspots.update', { hotspotId: id, patch: body as never });
        rt.print(h, () => hotspotLine(rt, h));
      }),
    );
}
