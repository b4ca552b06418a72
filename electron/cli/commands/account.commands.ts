import type { Command } from 'commander';
import { roleText } from './grant.commands';
import type { AccountView } from '../../../shared/contract/types';
import { AppError, ErrorCodes } from '../../../shared/domain/errors';
import { commune, province } from '../../../shared/places';
import { CliUsageError } from '../io';
import type { CliRuntime } from '../runtime';
import type { RunCommand } from '../program';

async function accountByName(rt: CliRuntime, username: string): Promise<AccountView> {
  const all = await rt.call('accounts.list', {});
  const a = all.find((x) => x.username === username.toLowerCase());
  if (!a) throw new AppError(ErrorCodes.NOT_FOUND, 'no account with that name');
  return a;
}

async function unitIdFor(rt: CliRuntime, unit: string | undefined): Promise<string | null> {
  if (!unit) return null;
  const units = await rt.call('units.list', {});
  const u = units.find((x) => x.code === unit || x.id === unit);
  if (!u) throw new AppError(ErrorCodes.NOT_FOUND, 'no unit with that code');
  return u.id;
}

async function newPassword(rt: CliRuntime, label: string): Promise<string> {
  const p = await rt.input.secret(label);
  if (!rt.input.piped) {
    const again = await rt.input.secret(rt.lang === 'vi' ? 'Nhập lại: ' : 'Repeat: ');
    if (again !== p) throw new CliUsageError('the passwords do not match', 'hai lần nhập mật khẩu không khớp');
  }
  return p;
}

function accountLine(a: AccountView): string {
  return `${a.username.padEnd(20)} ${a.role.padEnd(16)} ${a.status.padEnd(9)} ${a.unitName ?? '-'}  ${a.displayName}`;
}

/** user add|list|disable|enable|passwd, unit add|list. */
export function registerAccountCommands(program: Command, run: RunCommand): void {
  const user = program.command('user').description('Tài khoản / accounts');

  user
    .command('add <name>')
    .description('Tạo tài khoản / create an account (stdin: your password, then the new account’s)')
    .requiredOption('--role <role>', 'admin | leader | investigator | commune_officer | rehab_staff | auditor')
    .option('--display-name <text>', 'họ tên / display name')
    .option('--unit <code>', 'mã đơn vị / unit code')
    .action(
      run(async (rt, name: string, o: { role: string; displayName?: string; unit?: string }) => {
        const password = await newPassword(
          rt,
          rt.lang === 'vi' ? 'Mật khẩu cho tài khoản mới: ' : 'New account password: ',
        );
        const a = await rt.call('accounts.create', {
          username: name,
          displayName: o.displayName ?? name,
          role: o.role as never,
          unitId: await unitIdFor(rt, o.unit),
          password,
        });
        rt.print(a, () =>
          rt.lang === 'vi'
            ? `Đã tạo tài khoản ${a.username} (${roleText.vi[a.role]}).`
            : `Created ${a.username} (${roleText.en[a.role]}).`,
        );
      }),
    );

  user
    .command('list')
    .description('Danh sách tài khoản / list accounts')
    .action(
      run(async (rt) => {
        const all = await rt.call('accounts.list', {});
        rt.print(all, () => all.map(accountLine).join('\n'));
      }),
    );

  user
    .command('role <name> <role>')
    .description(
      'Đổi vai trò; vai trò được đọc hồ sơ chỉ có hiệu lực khi lãnh đạo duyệt / change a role; a role that reads ' +
        'records takes effect once a leader approves it',
    )
    .action(
      run(async (rt, name: string, role: string) => {
        const target = await accountByName(rt, name);
        const a = await rt.call('accounts.update', { accountId: target.id, role: role as never });
        rt.print(a, () => {
          if (!a.pendingGrant) return accountLine(a);
          return rt.lang === 'vi'
            ? `${accountLine(a)}\nVai trò mới chờ lãnh đạo duyệt (hoso grant approve ${a.username}).`
            : `${accountLine(a)}\nThe new role awaits a leader's approval (hoso grant approve ${a.username}).`;
        });
      }),
    );

  user
    .command('disable <name>')
    .description('Vô hiệu hóa tài khoản (xóa khe khóa) / disable an account (removes its key slot)')
    .action(
      run(async (rt, name: string) => {
        const a = await rt.call('accounts.disable', { accountId: (await accountByName(rt, name)).id });
        rt.print(a, () => accountLine(a));
      }),
    );

  user
    .command('enable <name>')
    .description('Kích hoạt lại với mật khẩu mới / re-enable with a new password (stdin: yours, then the new one)')
    .action(
      run(async (rt, name: string) => {
        const target = await accountByName(rt, name);
        const password = await newPassword(rt, rt.lang === 'vi' ? 'Mật khẩu mới: ' : 'New password: ');
        const a = await rt.call('accounts.enable', { accountId: target.id, newPassword: password });
        rt.print(a, () => accountLine(a));
      }),
    );

  user
    .command('passwd [name]')
    .description('Đổi mật khẩu của mình, hoặc đặt lại cho người khác / change your password, or reset another’s')
    .action(
      run(async (rt, name: string | undefined) => {
        const own = !name || name.toLowerCase() === rt.opts.user?.toLowerCase();
        if (own) {
          // The sign-in password (first stdin line) is the current one; ask it again only on a terminal.
          const current = rt.input.piped
            ? rt.lastPassword()
            : await rt.input.secret(rt.lang === 'vi' ? 'Mật khẩu hiện tại: ' : 'Current password: ');
          const next = await newPassword(rt, rt.lang === 'vi' ? 'Mật khẩu mới: ' : 'New password: ');
          await rt.call('session.changePassword', { currentPassword: current, newPassword: next });
          rt.print({ changed: true }, () => (rt.lang === 'vi' ? 'Đã đổi mật khẩu.' : 'Password changed.'));
        } else {
          const target = await accountByName(rt, name);
          const next = await newPassword(rt, rt.lang === 'vi' ? 'Mật khẩu mới: ' : 'New password: ');
          const a = await rt.call('accounts.resetPassword', { accountId: target.id, newPassword: next });
          rt.print(a, () =>
            rt.lang === 'vi'
              ? `Đã đặt lại mật khẩu cho ${a.username}; phải đổi khi đăng nhập.`
              : `Password reset for ${a.username}; must change at sign-in.`,
          );
        }
      }),
    );

  const unit = program.command('unit').description('Đơn vị / units');
  unit
    .command('add')
    .description('Tạo đơn vị / create a unit')
    .requiredOption('--code <code>', 'mã / code')
    .requiredOption('--name <name>', 'tên / name')
    .requiredOption('--kind <kind>', 'province_department | commune_police | rehab_centre')
    .option('--province <code>', 'mã tỉnh (2 số) / province code')
    .option('--commune <code>', 'mã xã (5 số) / commune code')
    .action(
      run(async (rt, o: { code: string; name: string; kind: string; province?: string; commune?: string }) => {
        const u = await rt.call('units.create', {
          code: o.code,
          name: o.name,
          kind: o.kind as never,
          provinceCode: o.province ?? null,
          communeCode: o.commune ?? null,
        });
        rt.print(u, () => `${u.code}  ${u.name}`);
      }),
    );
  unit
    .command('update <code>')
    .description(
      'Sửa tên, loại, tỉnh, xã của đơn vị (mã giữ nguyên); không nêu thì giữ như cũ / change a unit’s name, kind or place',
    )
    .option('--name <name>', 'tên / name')
    .option('--kind <kind>', 'province_department | commune_police | rehab_centre')
    .option('--province <code>', 'mã tỉnh (2 số), hoặc none / province code, or none')
    .option('--commune <code>', 'mã xã (5 số), hoặc none / commune code, or none')
    .action(
      run(async (rt, code: string, o: { name?: string; kind?: string; province?: string; commune?: string }) => {
        const current = (await rt.call('units.list', {})).find((u) => u.code === code);
        if (!current) throw new CliUsageError(`no unit has the code ${code}`, `không có đơn vị mã ${code}`);
        const place = (v: string | undefined, was: string | null) => (v === undefined ? was : v === 'none' ? null : v);
        const u = await rt.call('units.update', {
          unitId: current.id,
          name: o.name ?? current.name,
          kind: (o.kind ?? current.kind) as never,
          provinceCode: place(o.province, current.provinceCode),
          communeCode: place(o.commune, current.communeCode),
        });
        rt.print(u, () => `${u.code}  ${u.name}${u.communeCode ? `  (${u.communeCode})` : ''}`);
      }),
    );
  unit
    .command('list')
    .description('Danh sách đơn vị / list units')
    .action(
      run(async (rt) => {
        const all = await rt.call('units.list', {});
        // The place by name, as the screens show it: the commune, else the province.
        const place = (u: (typeof all)[number]) =>
          (u.communeCode && commune(u.communeCode)?.name) || (u.provinceCode && province(u.provinceCode)?.name) || '';
        rt.print(all, () =>
          all
            .map((u) => `${u.code.padEnd(16)} ${u.kind.padEnd(20)} ${u.name.padEnd(36)} ${place(u)}`.trimEnd())
            .join('\n'),
        );
      }),
    );
}
