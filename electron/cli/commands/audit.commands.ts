import type { Command } from 'commander';
import { formatDateVi } from '../../../shared/vault/recovery-sheet';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';
import { checkpointText, reanchorText, verificationText } from './audit.text';

/** Accepts dd/mm/yyyy (as users write dates) or yyyy-mm-dd. */
export function parseCliDate(text: string): string {
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = vi ? `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}` : text;
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new CliUsageError(`not a date: ${text} (dd/mm/yyyy)`, `không phải ngày: ${text} (dd/mm/yyyy)`);
  }
  return iso;
}

export function registerAuditCommands(program: Command, run: RunCommand): void {
  const audit = program.command('audit').description('Nhật ký kiểm toán / audit log');

  audit
    .command('verify')
    .description('Kiểm tra chuỗi băm của nhật ký / verify the hash chain (exit 1 on any problem)')
    .option('--checkpoint <code>', 'mã mốc ghi trên giấy phải còn trong nhật ký / a paper checkpoint code to prove')
    .action(
      run(async (rt, o: { checkpoint?: string }) => {
        const v = await rt.call('audit.verify', o.checkpoint ? { checkpoint: o.checkpoint } : {});
        rt.print(v, () => verificationText(v, rt.lang, o.checkpoint));
        // A scheduled check or a script must notice: any problem is a failure.
        return v.ok ? 0 : 1;
      }),
    );

  audit
    .command('checkpoint')
    .description('Mã mốc của nhật ký để ghi vào sổ / the current audit head as a code for the paper register')
    .action(
      run(async (rt) => {
        const c = await rt.call('audit.checkpoint', {});
        rt.print(c, () => checkpointText(c, rt.lang));
      }),
    );

  audit
    .command('reanchor')
    .description(
      'Quản trị viên chấp nhận tệp khóa và CSDL hiện có sau khi bị từ chối mở / accept vault.json and hoso.db as they are after a refusal to open (admin)',
    )
    .option('--confirm', 'ghi cảnh báo vào nhật ký và neo lại / write the alert and re-anchor (otherwise only report)')
    .action(
      run(
        async (rt, o: { confirm?: boolean }) => {
          if (!rt.opts.user)
            throw new CliUsageError('this command needs --user NAME', 'lệnh này cần --user TÊN_TÀI_KHOẢN');
          const password = await rt.input.secret(rt.lang === 'vi' ? 'Mật khẩu: ' : 'Password: ');
          const r = await rt.call('audit.reanchor', {
            username: rt.opts.user,
            password,
            confirm: Boolean(o.confirm),
          });
          rt.print(r, () => reanchorText(r, rt.lang));
          // Only reporting a problem is not success: the workstation still refuses to open.
          return r.problem && !r.changed ? 1 : 0;
        },
        { signIn: false },
      ),
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
        if (!Number.isInteger(limit) || limit < 1)
          throw new CliUsageError('--limit must be a positive whole number', '--limit phải là số nguyên dương');
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
