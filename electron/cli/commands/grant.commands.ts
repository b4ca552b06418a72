import type { Command } from 'commander';
import type { GrantKind, GrantStatus, RoleGrantView } from '../../../shared/contract/grants';
import { AppError, ErrorCodes } from '../../../shared/domain/errors';
import type { Role } from '../../../shared/domain/roles';
import type { Lang, CliRuntime } from '../runtime';
import type { RunCommand } from '../program';

export const roleText: Record<Lang, Record<Role, string>> = {
  vi: {
    admin: 'quản trị viên',
    leader: 'lãnh đạo',
    investigator: 'điều tra viên',
    commune_officer: 'công an xã',
    rehab_staff: 'cán bộ cai nghiện',
    auditor: 'kiểm toán viên',
  },
  en: {
    admin: 'administrator',
    leader: 'leader',
    investigator: 'investigator',
    commune_officer: 'commune officer',
    rehab_staff: 'rehab staff',
    auditor: 'auditor',
  },
};

const kindText: Record<Lang, Record<GrantKind, string>> = {
  vi: {
    create: 'tài khoản mới',
    role_change: 'đổi vai trò',
    password_reset: 'đặt lại mật khẩu',
    enable: 'kích hoạt lại',
  },
  en: { create: 'new account', role_change: 'role change', password_reset: 'password reset', enable: 're-enabled' },
};

const statusText: Record<Lang, Record<GrantStatus, string>> = {
  vi: { pending: 'chờ duyệt', approved: 'đã duyệt', rejected: 'từ chối', superseded: 'thay thế' },
  en: { pending: 'pending', approved: 'approved', rejected: 'rejected', superseded: 'superseded' },
};

function grantLine(lang: Lang, g: RoleGrantView): string {
  const role = roleText[lang][g.role];
  const from = g.previousRole ? ` (${lang === 'vi' ? 'từ' : 'from'} ${roleText[lang][g.previousRole]})` : '';
  const waiting = g.ownPasswordSet ? '' : lang === 'vi' ? '  [chưa tự đặt mật khẩu]' : '  [own password not set yet]';
  const by = g.requestedBy ? ` ${lang === 'vi' ? 'bởi' : 'by'} ${g.requestedBy}` : '';
  const decided = g.decidedAt ? `  ${statusText[lang][g.status]} ${g.decidedAt.slice(0, 16)} ${g.decidedBy ?? ''}` : '';
  return `${g.id}  ${g.username.padEnd(20)} ${role}${from} · ${kindText[lang][g.kind]}${by} ${g.requestedAt.slice(0, 16)}${decided}${waiting}`;
}

/** A grant id, or the name of the account whose grant is pending. */
async function pendingGrantId(rt: CliRuntime, idOrName: string, asAdmin = false): Promise<string> {
  if (/^[0-9a-f-]{36}$/i.test(idOrName)) return idOrName;
  if (asAdmin) {
    // Administrators do not list grants; the account list names each account's pending grant.
    const a = (await rt.call('accounts.list', {})).find((x) => x.username === idOrName.toLowerCase());
    if (!a?.pendingGrant) throw new AppError(ErrorCodes.NOT_FOUND, 'no pending grant for that account');
    return a.pendingGrant.id;
  }
  const { pending } = await rt.call('accounts.pendingGrants', { recent: 0 });
  const g = pending.find((p) => p.username === idOrName.toLowerCase());
  if (!g) throw new AppError(ErrorCodes.NOT_FOUND, 'no pending grant for that account');
  return g.id;
}

/** grant list|approve|reject: a leader decides the roles that read records an administrator gave. */
export function registerGrantCommands(program: Command, run: RunCommand): void {
  const grant = program
    .command('grant')
    .description('Duyệt việc cấp vai trò được đọc hồ sơ (lãnh đạo) / approve roles that read records (leaders)');

  grant
    .command('list')
    .description('Các yêu cầu chờ duyệt và quyết định gần đây / pending grants and recent decisions')
    .option('--recent <n>', 'số quyết định gần đây / recent decisions to show', '20')
    .action(
      run(async (rt, o: { recent: string }) => {
        const recent = Number(o.recent);
        const r = await rt.call('accounts.pendingGrants', { recent: Number.isInteger(recent) ? recent : 20 });
        rt.print(r, () => {
          const vi = rt.lang === 'vi';
          const lines = [
            vi ? `Chờ duyệt: ${r.pending.length}` : `Pending: ${r.pending.length}`,
            ...r.pending.map((g) => `  ${grantLine(rt.lang, g)}`),
          ];
          if (r.recent.length) {
            lines.push(
              vi ? 'Quyết định gần đây:' : 'Recent decisions:',
              ...r.recent.map((g) => `  ${grantLine(rt.lang, g)}`),
            );
          }
          return lines.join('\n');
        });
      }),
    );

  grant
    .command('approve <grant>')
    .description('Duyệt (mã yêu cầu hoặc tên tài khoản) / approve (grant id or account name)')
    .option(
      '--recovery-key',
      'quản trị viên duyệt một lãnh đạo bằng khóa khôi phục (dòng stdin tiếp theo) khi không còn lãnh đạo nào / ' +
        'an administrator approves a leader with the recovery key (next stdin line) when no leader is left',
    )
    .action(
      run(async (rt, idOrName: string, o: { recoveryKey?: boolean }) => {
        const grantId = await pendingGrantId(rt, idOrName, Boolean(o.recoveryKey));
        const g = o.recoveryKey
          ? await rt.call('accounts.approveGrantWithRecoveryKey', {
              grantId,
              recoveryKey: await rt.input.secret(rt.lang === 'vi' ? 'Khóa khôi phục: ' : 'Recovery key: '),
            })
          : await rt.call('accounts.approveGrant', { grantId });
        rt.print(g, () =>
          rt.lang === 'vi'
            ? `Đã duyệt: ${g.username} là ${roleText.vi[g.role]}.`
            : `Approved: ${g.username} is ${roleText.en[g.role]}.`,
        );
      }),
    );

  grant
    .command('reject <grant>')
    .description('Từ chối (mã yêu cầu hoặc tên tài khoản) / reject (grant id or account name)')
    .action(
      run(async (rt, idOrName: string) => {
        const g = await rt.call('accounts.rejectGrant', { grantId: await pendingGrantId(rt, idOrName) });
        rt.print(g, () => {
          const vi = rt.lang === 'vi';
          if (g.kind === 'role_change' && g.previousRole) {
            return vi
              ? `Đã từ chối: ${g.username} giữ vai trò ${roleText.vi[g.previousRole]}.`
              : `Rejected: ${g.username} keeps the role ${roleText.en[g.previousRole]}.`;
          }
          return vi
            ? `Đã từ chối: tài khoản ${g.username} bị vô hiệu hóa.`
            : `Rejected: the account ${g.username} is disabled.`;
        });
      }),
    );
}
