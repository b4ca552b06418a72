import type { Command } from 'commander';
import type { PersonFile, PersonSummary } from '../../../shared/contract/person-types';
import { personLabels } from '../../../shared/i18n/person-labels';
import { addressText, viDate } from '../../../shared/persons/dossier';
import { seedPersons } from '../../persons/seed';
import { CliUsageError } from '../io';
import type { CliRuntime } from '../runtime';
import type { RunCommand } from '../program';

function readJson(rt: CliRuntime): Record<string, unknown> {
  const text = rt.input.rest().trim();
  if (!text) throw new CliUsageError('expected a JSON object on standard input');
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new CliUsageError('standard input is not a JSON object');
  }
}

function summaryLine(rt: CliRuntime, p: PersonSummary): string {
  const L = personLabels[rt.lang];
  return `${p.id}  ${p.fullName.padEnd(28)} ${viDate(p.birthDate).padEnd(10)} ${(p.citizenId ?? '-').padEnd(12)}  ${L.category[p.category]}`;
}

function fileText(rt: CliRuntime, f: PersonFile): string {
  const L = personLabels[rt.lang];
  const p = f.person;
  const lines = [
    `${p.fullName} (${L.sex[p.sex]}, ${viDate(p.birthDate)})  ${p.citizenId ?? ''}`,
    `${L.category[p.category]}`,
    p.currentAddress ? addressText(p.currentAddress) : '',
    ...f.measures.map(
      (m) =>
        `  • ${L.measureKind[m.kind]}: ${viDate(m.startDate)} → ${viDate(m.endDate)} (${L.measureStatus[m.status]})`,
    ),
    ...f.tests.map((t) => `  • ${viDate(t.date)} ${L.testResult[t.result]}`),
    ...f.determinations.map((d) => `  • ${viDate(d.resultDate ?? d.requestedDate)} ${L.determinationResult[d.result]}`),
  ];
  return lines.filter(Boolean).join('\n');
}

/** person add|show|find|update and seed. JSON on stdin follows the password line(s). */
export function registerPersonCommands(program: Command, run: RunCommand): void {
  const person = program.command('person').description('Người thuộc diện quản lý / persons under management');

  person
    .command('add')
    .description('Thêm hồ sơ (JSON trên stdin) / add a person (JSON on stdin)')
    .option('--confirm', 'chấp nhận cảnh báo trùng tên, CCCD / accept similar-name and CCCD warnings')
    .action(
      run(async (rt, o: { confirm?: boolean }) => {
        const f = await rt.call('persons.create', { ...readJson(rt), confirmed: Boolean(o.confirm) } as never);
        rt.print(f, () => `${rt.lang === 'vi' ? 'Đã thêm' : 'Added'}: ${summaryLine(rt, f.person)}`);
      }),
    );

  person
    .command('update <id>')
    .description('Sửa hồ sơ (JSON các trường cần sửa trên stdin) / update a person (JSON patch on stdin)')
    .option('--confirm', 'chấp nhận cảnh báo / accept warnings')
    .action(
      run(async (rt, id: string, o: { confirm?: boolean }) => {
        const f = await rt.call('persons.update', {
          personId: id,
          patch: readJson(rt) as never,
          confirmed: Boolean(o.confirm),
        });
        rt.print(f, () => `${rt.lang === 'vi' ? 'Đã cập nhật' : 'Updated'}: ${summaryLine(rt, f.person)}`);
      }),
    );

  person
    .command('show <id>')
    .description('Xem hồ sơ (được ghi nhật ký) / show a person file (audited)')
    .action(
      run(async (rt, id: string) => {
        const f = await rt.call('persons.get', { personId: id });
        rt.print(f, () => fileText(rt, f));
      }),
    );

  person
    .command('find [query...]')
    .description('Tìm theo tên (không dấu cũng được), CCCD, xã / find by name (diacritics optional), ID, commune')
    .option('--cccd <digits>', 'số định danh (hoặc phần đầu) / citizen ID or its first digits')
    .option('--commune <code>', 'mã xã / commune code')
    .option('--category <category>', 'user | addict | in_rehab | methadone | post_rehab | unclassified')
    .option('--limit <n>', 'số kết quả tối đa / max results', '50')
    .action(
      run(async (rt, query: string[], o: { cccd?: string; commune?: string; category?: string; limit: string }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliUsageError('--limit must be a positive whole number');
        const r = await rt.call('persons.search', {
          query: query.join(' '),
          limit,
          ...(o.cccd ? { citizenId: o.cccd } : {}),
          ...(o.commune ? { communeCode: o.commune } : {}),
          ...(o.category ? { category: o.category as never } : {}),
        });
        rt.print(r, () => {
          const head =
            r.total === null
              ? rt.lang === 'vi'
                ? `${r.items.length}+ kết quả`
                : `${r.items.length}+ results`
              : `${r.total} ${rt.lang === 'vi' ? 'kết quả' : 'results'}`;
          return [head, ...r.items.map((p) => summaryLine(rt, p))].join('\n');
        });
      }),
    );

  program
    .command('seed')
    .description('Tạo dữ liệu giả lập để thử nghiệm / generate synthetic people for trials and benchmarks')
    .requiredOption('--persons <n>', 'số người / number of persons')
    .option('--seed <s>', 'hạt giống (cùng hạt → cùng dữ liệu) / seed (same seed, same data)', '1')
    .option('--province <code>', 'tỉnh chính / main province code', '08')
    .action(
      run(async (rt, o: { persons: string; seed: string; province: string }) => {
        const count = Number(o.persons);
        const seed = Number(o.seed);
        if (!Number.isInteger(count) || count < 1 || count > 5_000_000)
          throw new CliUsageError('--persons must be 1 … 5,000,000');
        if (!Number.isInteger(seed)) throw new CliUsageError('--seed must be a whole number');
        const r = await seedPersons(rt.host, { count, seed, provinceCode: o.province }, (done) => {
          if (!rt.opts.json)
            process.stderr.write(`\r${done.toLocaleString('vi-VN')} / ${count.toLocaleString('vi-VN')}`);
        });
        if (!rt.opts.json) process.stderr.write('\n');
        rt.print(r, () =>
          rt.lang === 'vi'
            ? `Đã tạo ${r.persons} người, ${r.measures} biện pháp, ${r.tests} xét nghiệm trong ${(r.ms / 1000).toFixed(1)} s.`
            : `Created ${r.persons} persons, ${r.measures} measures, ${r.tests} tests in ${(r.ms / 1000).toFixed(1)} s.`,
        );
      }),
    );
}
