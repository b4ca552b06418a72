import type { Command } from 'commander';
import type {
  FacilityView,
  MethadoneView,
  ReferralDossier,
  StayView,
  VoluntaryView,
} from '../../../shared/contract/rehab-types';
import { rehabLabels } from '../../../shared/i18n/rehab-labels';
import type { RunCommand } from '../program';
import type { CliRuntime } from '../runtime';
import { readJson } from '../io';

/** dd/mm/yyyy for people; the JSON keeps ISO dates. */
const D = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '-');

const vi = (rt: CliRuntime) => rt.lang === 'vi';

function facilityLine(rt: CliRuntime, f: FacilityView): string {
  const L = rehabLabels[rt.lang];
  return `${f.id}  ${f.code.padEnd(10)} ${f.name}  (${L.facilityKind[f.kind]}, ${f.occupancy}/${f.capacity})`;
}

function daysText(rt: CliRuntime, deadline: string | null, daysLeft: number | null): string {
  if (!deadline || daysLeft === null) return vi(rt) ? 'không có hạn' : 'no time limit';
  if (daysLeft < 0)
    return vi(rt) ? `hạn ${D(deadline)}, quá ${-daysLeft} ngày` : `due ${D(deadline)}, ${-daysLeft} days overdue`;
  return vi(rt) ? `hạn ${D(deadline)}, còn ${daysLeft} ngày` : `due ${D(deadline)}, ${daysLeft} days left`;
}

function dossierText(rt: CliRuntime, d: ReferralDossier): string {
  const L = rehabLabels[rt.lang];
  const r = d.referral;
  return [
    `${r.id}  ${d.person.fullName}  ${D(d.person.birthDate)}${r.minor ? (vi(rt) ? '  (chưa thành niên)' : '  (minor)') : ''}`,
    `${L.referralState[r.state]} ${vi(rt) ? 'từ' : 'since'} ${D(r.stateOn)} — ${daysText(rt, r.deadline, r.daysLeft)}`,
    r.decision
      ? `${L.decisionKind[r.decision.kind]}${r.decision.termMonths ? `, ${r.decision.termMonths} ${vi(rt) ? 'tháng' : 'months'}` : ''} (${D(r.decision.on)})`
      : '',
    ...d.checklist.map((c) => `  [${c.done ? 'x' : ' '}] ${L.dossierItem[c.item]}${c.required ? ' *' : ''}`),
    r.next.length
      ? `${vi(rt) ? 'Bước tiếp' : 'Next'}: ${r.next.map((n) => `${L.referralState[n]} (${n})`).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function stayText(rt: CliRuntime, s: StayView): string {
  const L = rehabLabels[rt.lang];
  return `${s.id}  ${s.person?.fullName ?? ''}  ${L.stayStatus[s.status]}, ${L.stayStage[s.stage]} — ${daysText(rt, s.deadline, s.daysLeft)}`;
}

const methadoneText = (rt: CliRuntime, m: MethadoneView) =>
  `${m.id}  ${m.person?.fullName ?? ''}  ${rehabLabels[rt.lang].methadoneStatus[m.status]} ${vi(rt) ? 'từ' : 'since'} ${D(m.statusOn)}`;
const voluntaryText = (rt: CliRuntime, v: VoluntaryView) =>
  `${v.id}  ${v.person?.fullName ?? ''}  ${rehabLabels[rt.lang].voluntaryStatus[v.status]} (${v.termMonths} ${vi(rt) ? 'tháng' : 'months'})`;

/**
 * facility add|update|list, referral add|show|advance|document|list, stay admit|stage|incident|discharge,
 * methadone start|stop.
 * Records arrive as JSON on standard input after the password line (never as arguments: no personal data in `ps`).
 * Field names are the contract's (shared/contract/rehab.ts).
 */
export function registerRehabCommands(program: Command, run: RunCommand): void {
  const facility = program.command('facility').description('Cơ sở cai nghiện, điều trị / rehab facilities');
  facility
    .command('add')
    .description('Thêm cơ sở (JSON trên stdin) / add a facility (JSON on stdin)')
    .action(
      run(async (rt) => {
        const f = await rt.call('facilities.create', readJson(rt) as never);
        rt.print(f, () => `${vi(rt) ? 'Đã thêm' : 'Added'}: ${facilityLine(rt, f)}`);
      }),
    );
  facility
    .command('update <id>')
    .description(
      'Sửa cơ sở (JSON các trường cần sửa trên stdin), hoặc gắn cơ sở với đơn vị vận hành (--unit) / update a facility (JSON patch on stdin), or tie it to the unit that runs it (--unit)',
    )
    .option('--unit <code>', 'mã đơn vị vận hành cơ sở (cán bộ đơn vị này xem người của cơ sở) / the unit that runs it')
    .action(
      run(async (rt, id: string, opts: { unit?: string }) => {
        const patch = opts.unit ? { unitId: (await rt.unitByCode(opts.unit)).id } : readJson(rt);
        const f = await rt.call('facilities.update', { facilityId: id, patch } as never);
        rt.print(f, () => `${vi(rt) ? 'Đã sửa' : 'Updated'}: ${facilityLine(rt, f)}`);
      }),
    );
  facility
    .command('list')
    .description('Danh sách cơ sở / list facilities')
    .action(
      run(async (rt) => {
        const list = await rt.call('facilities.list', {});
        rt.print(list, () => list.map((f) => facilityLine(rt, f)).join('\n'));
      }),
    );

  const referral = program
    .command('referral')
    .description('Hồ sơ đề nghị cai nghiện bắt buộc, đăng ký cai nghiện tự nguyện / rehab referrals');
  referral
    .command('add')
    .description(
      'Lập hồ sơ (JSON: personId, kind compulsory|voluntary, discoveredOn …) / add a referral (JSON on stdin)',
    )
    .action(
      run(async (rt) => {
        const input = readJson(rt);
        if (input.kind === 'voluntary') {
          // Voluntary rehab has its own record: discoveredOn is the registration day.
          const { kind: _kind, discoveredOn, registeredOn, ...rest } = input;
          const v = await rt.call('voluntary.create', {
            setting: 'community',
            termMonths: 6,
            ...rest,
            registeredOn: registeredOn ?? discoveredOn,
          } as never);
          rt.print(
            { ...v, kind: 'voluntary', state: v.status },
            () => `${vi(rt) ? 'Đã thêm' : 'Added'}: ${voluntaryText(rt, v)}`,
          );
          return;
        }
        const d = await rt.call('referrals.create', input as never);
        rt.print({ ...d.referral, person: d.person, checklist: d.checklist }, () => dossierText(rt, d));
      }),
    );
  referral
    .command('show <id>')
    .description('Xem hồ sơ (được ghi nhật ký) / show a referral (audited)')
    .action(
      run(async (rt, id: string) => {
        const r = await rt.host.call('referrals.get', { referralId: id });
        if (!r.ok && r.error.code === 'NOT_FOUND') {
          const v = await rt.call('voluntary.get', { voluntaryId: id });
          rt.print({ ...v, kind: 'voluntary', state: v.status }, () => voluntaryText(rt, v));
          return;
        }
        const d = await rt.call('referrals.get', { referralId: id });
        rt.print({ ...d.referral, person: d.person, history: d.history, checklist: d.checklist, stay: d.stay }, () =>
          dossierText(rt, d),
        );
      }),
    );
  referral
    .command('advance <id>')
    .description('Chuyển bước (JSON: to, on, và các trường bước đó cần) / move to the next step (JSON on stdin)')
    .action(
      run(async (rt, id: string) => {
        const d = await rt.call('referrals.advance', { ...readJson(rt), referralId: id } as never);
        rt.print({ ...d.referral, person: d.person }, () => dossierText(rt, d));
      }),
    );
  referral
    .command('document <id>')
    .description('Đánh dấu giấy tờ trong hồ sơ (JSON: item, done, on, note) / tick a dossier document (JSON on stdin)')
    .action(
      run(async (rt, id: string) => {
        const d = await rt.call('referrals.setDocument', { ...readJson(rt), referralId: id } as never);
        rt.print({ ...d.referral, person: d.person, checklist: d.checklist }, () => dossierText(rt, d));
      }),
    );
  referral
    .command('list')
    .description('Bảng hồ sơ theo bước, quá hạn trước / the referral board, overdue first')
    .option('--state <state>', 'chỉ một bước / one state only')
    .option('--overdue', 'chỉ hồ sơ quá hạn / overdue only')
    .action(
      run(async (rt, o: { state?: string; overdue?: boolean }) => {
        const b = await rt.call('referrals.board', {
          ...(o.state ? { state: o.state as never } : {}),
          overdueOnly: Boolean(o.overdue),
        });
        const L = rehabLabels[rt.lang];
        rt.print(b, () =>
          b.columns
            .filter((c) => c.count)
            .map((c) =>
              [
                `${L.referralState[c.state]} (${c.count}${c.overdue ? `, ${vi(rt) ? 'quá hạn' : 'overdue'} ${c.overdue}` : ''})`,
                ...c.items.map((i) => `  ${i.id}  ${i.fullName.padEnd(28)} ${daysText(rt, i.deadline, i.daysLeft)}`),
              ].join('\n'),
            )
            .join('\n'),
        );
      }),
    );

  const stay = program.command('stay').description('Người cai nghiện tại cơ sở / stays at a facility');
  stay
    .command('admit')
    .description('Tiếp nhận (JSON: referralId hoặc voluntaryId, facilityId, admittedOn) / admit (JSON on stdin)')
    .action(
      run(async (rt) => {
        const s = await rt.call('stays.admit', readJson(rt) as never);
        rt.print(s, () => stayText(rt, s));
      }),
    );
  stay
    .command('stage <id>')
    .description('Chuyển giai đoạn (JSON: stage, on) / next stage (JSON on stdin)')
    .action(
      run(async (rt, id: string) => {
        const s = await rt.call('stays.stage', { ...readJson(rt), stayId: id } as never);
        rt.print(s, () => stayText(rt, s));
      }),
    );
  stay
    .command('incident <id>')
    .description(
      'Bỏ trốn, trở lại, vi phạm (JSON: kind absconded|returned|violation, on, note) / record an incident (JSON on stdin)',
    )
    .action(
      run(async (rt, id: string) => {
        const s = await rt.call('stays.incident', { note: null, ...readJson(rt), stayId: id } as never);
        rt.print(s, () => stayText(rt, s));
      }),
    );
  stay
    .command('discharge <id>')
    .description('Chấm dứt, cấp giấy chứng nhận (JSON: on, certificateNumber, plannedOn) / discharge (JSON on stdin)')
    .action(
      run(async (rt, id: string) => {
        const s = await rt.call('stays.discharge', { ...readJson(rt), stayId: id } as never);
        rt.print(s, () => stayText(rt, s));
      }),
    );

  const methadone = program.command('methadone').description('Điều trị thay thế / methadone treatment');
  methadone
    .command('start')
    .description('Bắt đầu điều trị (JSON: personId, clinicId, startedOn) / start (JSON on stdin)')
    .action(
      run(async (rt) => {
        const m = await rt.call('methadone.start', readJson(rt) as never);
        rt.print(m, () => methadoneText(rt, m));
      }),
    );
  methadone
    .command('stop <id>')
    .description('Ngừng điều trị (JSON: on, reason) / stop (JSON on stdin)')
    .action(
      run(async (rt, id: string) => {
        const m = await rt.call('methadone.stop', { ...readJson(rt), methadoneId: id } as never);
        rt.print(m, () => methadoneText(rt, m));
      }),
    );
}
