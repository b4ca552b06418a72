import type { Command } from 'commander';
import { formatDateVi } from '../../../shared/vault/recovery-sheet';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';

/** Accepts dd/mm/yyyy (as users write dates) or yyyy-mm-dd. */
export function parseCliDate(text: string): string {
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = vi ? `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}` : text;
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new CliUsageError(`not a date: ${text} (dd/mm/yyyy)`);
  }
  return iso;
}

export function registerAuditCommands(program: Command, run: RunCommand): void {
  const audit = program.command('audit').description('Nhật ký kiểm toán / audit log');

  audit
    .command('verify')
    .description('Kiểm tra chuỗi băm của nhật ký / verify the hash chain')
    .action(
      run(async (rt) => {
        const v = await rt.call('audit.verify', {});
        rt.print(v, () =>
          v.ok
            ? rt.lang === 'vi'
              ? `Nhật ký toàn vẹn: ${v.entries} mục.`
              : `Audit log intact: ${v.entries} entries.`
            : [
                rt.lang === 'vi' ? 'NHẬT KÝ BỊ CAN THIỆP:' : 'AUDIT LOG TAMPERED:',
                ...v.problems.map((p) => `  #${p.seq} ${p.kind}: ${p.message}`),
              ].join('\n'),
        );
        if (!v.ok) process.exitCode = 1;
      }),
    );

  audit
    .command('list')
    .description('Liệt kê nhật ký / list entries')
    .option('--since <date>', 'từ ngày (dd/mm/yyyy)')
    .option('--until <date>', 'đến ngày (dd/mm/yyyy)')
    .option('--action <action>', 'hành động, ví dụ account.create')
    .option('--limit <n>', 'số mục tối đa / max entries', '200')
    .action(
      run(async (rt, o: { since?: string; until?: string; action?: string; limit: string }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliUsageError('--limit must be a positive whole number');
        const rows = await rt.call('audit.list', {
          limit,
          ...(o.since ? { from: parseCliDate(o.since) } : {}),
          ...(o.until ? { to: parseCliDate(o.until) } : {}),
          ...(o.action ? { action: o.action } : {}),
        });
        rt.print(rows, () =>
          rows
            .map((r) => {
              const d = new Date(r.at);
              const time = `${formatDateVi(d)} ${d.toTimeString().slice(0, 8)}`;
              return `#${String(r.seq).padEnd(6)} ${time}  ${(r.username ?? '-').padEnd(16)} ${r.action.padEnd(24)} ${r.outcome.padEnd(7)} ${r.recordType ?? ''}${r.recordId ? `:${r.recordId}` : ''}`;
            })
            .join('\n'),
        );
      }),
    );
}
