import type { Command } from 'commander';
import type { PersonFile, PersonSummary } from '../../../shared/contract/person-types';
import { personLabels } from '../../../shared/i18n/person-labels';
import { addressText, viDate } from '../../../shared/persons/dossier';
import { CliUsageError } from '../io';
import type { CliRuntime } from '../runtime';
import type { RunCommand } from '../program';
import { readJson } from '../io';

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

interface FindOptions {
  queryStdin?: boolean;
  cccd?: string;
  commune?: string;
  category?: string;
  limit: string;
}

/**
 * The personal part of a search (a name, a CCCD). With --query-stdin it is read from standard input after the
 * password line: the first non-empty line is the name (may be empty when only a CCCD is given), and a line
 * `cccd: DIGITS` (or a line of digits alone: a name never is) is the ID number. Arguments are then refused for these two, so a
 * name or an ID never reaches `ps`, the shell history or a process listing. Non-personal filters (commune code,
 * category, limit) stay as options.
 */
function personalQuery(rt: CliRuntime, words: string[], o: FindOptions): { query: string; citizenId?: string } {
  if (!o.queryStdin) return { query: words.join(' '), ...(o.cccd ? { citizenId: o.cccd } : {}) };
  if (words.length || o.cccd) {
    throw new CliUsageError(
      'with --query-stdin, give the name and the CCCD on standard input, not as arguments',
      'với --query-stdin, hãy đưa họ tên và CCCD qua đầu vào chuẩn, không viết thành tham số',
    );
  }
  let query = '';
  let citizenId: string | undefined;
  for (const raw of rt.input.rest().split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const id = /^(?:cccd\s*[:=]\s*)?(\d{1,12})$/i.exec(line);
    if (id) {
      if (citizenId !== undefined)
        throw new CliUsageError('standard input has two CCCD lines', 'đầu vào chuẩn có hai dòng CCCD');
      citizenId = id[1]!;
    } else if (!query) {
      query = line;
    } else {
      throw new CliUsageError('standard input has more than one name line', 'đầu vào chuẩn có hơn một dòng họ tên');
    }
  }
  if (!query && citizenId === undefined)
    throw new CliUsageError(
      'standard input holds no query after the password',
      'đầu vào chuẩn không có nội dung tìm sau mật khẩu',
    );
  return { query, ...(citizenId !== undefined ? { citizenId } : {}) };
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
    .description(
      'Tìm theo tên (không dấu cũng được), CCCD, xã; tên và CCCD nên đưa qua stdin (--query-stdin) / find by name ' +
        '(diacritics optional), ID, commune; names and IDs belong on stdin (--query-stdin)',
    )
    .option(
      '--query-stdin',
      'đọc điều kiện tìm từ stdin sau dòng mật khẩu (dòng tên, rồi "cccd: số" nếu có), không để lộ trong ps và lịch sử ' +
        'lệnh / read the query from stdin after the password line (a name line, then "cccd: digits" if any), ' +
        'so it never shows in ps or the shell history',
    )
    .option(
      '--cccd <digits>',
      'số định danh (hoặc phần đầu); nên dùng --query-stdin / citizen ID or its first digits; prefer --query-stdin',
    )
    .option('--commune <code>', 'mã xã / commune code')
    .option('--category <category>', 'user | addict | in_rehab | methadone | post_rehab | unclassified')
    .option('--limit <n>', 'số kết quả tối đa / max results', '50')
    .action(
      run(async (rt, words: string[], o: FindOptions) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new CliUsageError('--limit must be a positive whole number', '--limit phải là số nguyên dương');
        const { query, citizenId } = personalQuery(rt, words, o);
        const r = await rt.call('persons.search', {
          query,
          limit,
          ...(citizenId ? { citizenId } : {}),
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
}
