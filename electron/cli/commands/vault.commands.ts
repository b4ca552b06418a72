import type { Command } from 'commander';
import { recoverySheetHtml } from '../../../shared/vault/recovery-sheet';
import { CliUsageError } from '../io';
import type { CliRuntime } from '../runtime';
import type { RunCommand } from '../program';

/** init, recover, rekey, backup, restore, info. */
export function registerVaultCommands(program: Command, run: RunCommand): void {
  program
    .command('init')
    .description('Tạo kho dữ liệu mã hóa và quản trị viên đầu tiên / create the vault and first administrator')
    .requiredOption('--admin <name>', 'tên tài khoản quản trị / administrator account name')
    .option('--display-name <text>', 'họ tên hiển thị / display name')
    .requiredOption(
      '--leader <name>',
      'tài khoản lãnh đạo đầu tiên, duyệt việc cấp quyền đọc hồ sơ / first leader, approves roles that read records',
    )
    .option('--leader-display-name <text>', 'họ tên lãnh đạo / the leader’s display name')
    .option('--unit-code <code>', 'mã đơn vị / unit code')
    .option('--unit-name <name>', 'tên đơn vị / unit name')
    .option('--unit-kind <kind>', 'province_department | commune_police | rehab_centre', 'province_department')
    .option(
      '--province <code>',
      'mã tỉnh của đơn vị (2 số), như màn hình cài đặt hỏi / the unit’s province code (2 digits), as setup asks',
    )
    .option(
      '--commune <code>',
      'mã xã (5 số) mà công an xã phụ trách / a commune police unit’s commune code (5 digits)',
    )
    .option('--recovery-sheet-html', 'in tờ khóa khôi phục dạng HTML ra stdout / print the recovery sheet as HTML')
    .action(
      run(
        async (rt: CliRuntime, o: Record<string, string | boolean | undefined>) => {
          // The options first: nobody types two passwords twice to be told a flag is missing.
          if ((o.unitCode && !o.unitName) || (!o.unitCode && o.unitName)) {
            throw new CliUsageError(
              '--unit-code and --unit-name go together',
              '--unit-code và --unit-name phải đi cùng nhau',
            );
          }
          if (Boolean(o.commune) !== (o.unitKind === 'commune_police') && o.unitCode)
            throw new CliUsageError(
              '--commune goes with --unit-kind commune_police, which needs it',
              '--commune đi cùng --unit-kind commune_police, và đơn vị công an xã cần có --commune',
            );
          if (o.commune && !o.province)
            throw new CliUsageError(
              '--commune goes with --province (the commune lies in it)',
              '--commune phải đi cùng --province (xã thuộc tỉnh đó)',
            );
          if (o.province && !o.unitCode)
            throw new CliUsageError(
              '--province goes with --unit-code and --unit-name',
              '--province chỉ dùng cùng --unit-code và --unit-name',
            );
          const password = await rt.input.secret(rt.lang === 'vi' ? 'Mật khẩu quản trị: ' : 'Administrator password: ');
          if (!rt.input.piped) {
            const again = await rt.input.secret(rt.lang === 'vi' ? 'Nhập lại mật khẩu: ' : 'Repeat password: ');
            if (again !== password)
              throw new CliUsageError('the passwords do not match', 'hai lần nhập mật khẩu không khớp');
          }
          // The leader's own password: the second line on stdin (the leader types it, not the administrator).
          const leaderPassword = await rt.input.secret(rt.lang === 'vi' ? 'Mật khẩu lãnh đạo: ' : 'Leader password: ');
          if (!rt.input.piped) {
            const again = await rt.input.secret(rt.lang === 'vi' ? 'Nhập lại mật khẩu: ' : 'Repeat password: ');
            if (again !== leaderPassword)
              throw new CliUsageError('the passwords do not match', 'hai lần nhập mật khẩu không khớp');
          }
          const admin = String(o.admin);
          const created = await rt.call('vault.create', {
            adminUsername: admin,
            adminDisplayName: String(o.displayName ?? admin),
            password,
            leader: {
              username: String(o.leader),
              displayName: String(o.leaderDisplayName ?? o.leader),
              password: leaderPassword,
            },
            ...(o.unitCode
              ? {
                  unit: {
                    code: String(o.unitCode),
                    name: String(o.unitName),
                    kind: String(o.unitKind) as never,
                    // Without its province a provincial unit's leader reads no province-wide figure (fail-closed).
                    provinceCode: o.province ? String(o.province) : null,
                    // A commune police station's commune: its scope, and what its station card tells its hub.
                    communeCode: o.commune ? String(o.commune) : null,
                  },
                }
              : {}),
          });
          if (o.recoverySheetHtml) {
            process.stdout.write(
              recoverySheetHtml({
                recoveryKey: created.recoveryKey,
                workstationId: created.workstationId,
                adminUsername: admin,
                createdAt: new Date(),
              }),
            );
            return;
          }
          rt.print(
            { workstationId: created.workstationId, recoveryKey: created.recoveryKey, dataDir: rt.dataDir },
            () =>
              rt.lang === 'vi'
                ? [
                    `Đã tạo kho dữ liệu tại ${rt.dataDir}`,
                    `Mã máy trạm: ${created.workstationId}`,
                    '',
                    'KHÓA KHÔI PHỤC (chỉ hiển thị MỘT lần — chép ra giấy và cất nơi an toàn):',
                    `    ${created.recoveryKey}`,
                  ].join('\n')
                : [
                    `Vault created in ${rt.dataDir}`,
                    `Workstation ID: ${created.workstationId}`,
                    '',
                    'RECOVERY KEY (shown ONCE — write it on paper and keep it safe):',
                    `    ${created.recoveryKey}`,
                  ].join('\n'),
          );
        },
        { signIn: false },
      ),
    );

  program
    .command('recover')
    .description(
      'Đặt lại mật khẩu quản trị bằng khóa khôi phục / reset an administrator password with the recovery key',
    )
    .option('--admin <name>', 'tài khoản quản trị cần đặt lại / administrator to reset (default: the first)')
    .action(
      run(
        async (rt, o: { admin?: string }) => {
          const recoveryKey = await rt.input.secret(rt.lang === 'vi' ? 'Khóa khôi phục: ' : 'Recovery key: ');
          const newPassword = await rt.input.secret(rt.lang === 'vi' ? 'Mật khẩu mới: ' : 'New password: ');
          const s = await rt.call('session.recover', {
            recoveryKey,
            newPassword,
            ...(o.admin ? { username: o.admin } : {}),
          });
          rt.print({ username: s.username }, () =>
            rt.lang === 'vi' ? `Đã đặt mật khẩu mới cho ${s.username}.` : `New password set for ${s.username}.`,
          );
        },
        { signIn: false },
      ),
    );

  program
    .command('rekey')
    .description('Đổi khóa dữ liệu, mã hóa lại CSDL / new data key, database re-encrypted')
    .action(
      run(async (rt) => {
        // The signed-in password is asked again by the procedure as a re-authentication.
        const password = await rt.input.secret(rt.lang === 'vi' ? 'Xác nhận mật khẩu: ' : 'Confirm password: ');
        const r = await rt.call('vault.rekey', { password });
        rt.print(r, () =>
          rt.lang === 'vi'
            ? `Đã đổi khóa dữ liệu; ${r.slotsRewrapped} khe khóa được bọc lại. Bản sao lưu trước khi đổi: ${r.backupPath}`
            : `Data key replaced; ${r.slotsRewrapped} slots re-wrapped. Backup taken first: ${r.backupPath}`,
        );
      }),
    );

  program
    .command('backup')
    .description('Sao lưu CSDL (vẫn mã hóa) và tệp khóa / back up the (still encrypted) database and vault')
    .requiredOption('--out <file>', 'tệp sao lưu / backup file')
    .action(
      run(async (rt, o: { out: string }) => {
        const r = await rt.call('backup.create', { path: o.out });
        rt.print(
          r,
          () => `${rt.lang === 'vi' ? 'Đã sao lưu' : 'Backed up'}: ${r.path} (${r.bytes} bytes, sha256 ${r.sha256})`,
        );
      }),
    );

  program
    .command('restore <file>')
    .description('Khôi phục từ bản sao lưu / restore from a backup (the account must open the backup)')
    .action(
      run(
        async (rt, file: string) => {
          if (!rt.opts.user)
            throw new CliUsageError('this command needs --user NAME', 'lệnh này cần --user TÊN_TÀI_KHOẢN');
          const password = await rt.input.secret(rt.lang === 'vi' ? 'Mật khẩu: ' : 'Password: ');
          if ((await rt.call('app.status', {})).vaultExists)
            await rt.call('session.unlock', { username: rt.opts.user, password });
          const r = await rt.call('backup.restore', { path: file, username: rt.opts.user, password });
          rt.print(r, () =>
            rt.lang === 'vi'
              ? `Đã khôi phục bản sao lưu lập lúc ${r.restoredFrom}.${r.replacedFolder ? ` Dữ liệu cũ được giữ tại ${r.replacedFolder}` : ''}`
              : `Restored the backup made at ${r.restoredFrom}.${r.replacedFolder ? ` Previous data kept in ${r.replacedFolder}` : ''}`,
          );
        },
        { signIn: false },
      ),
    );

  program
    .command('info')
    .description('Mã máy trạm, phiên bản lược đồ, số lượng bản ghi / workstation, schema, counts')
    .action(
      run(async (rt) => {
        const i = await rt.call('app.info', {});
        rt.print(i, () =>
          [
            `${rt.lang === 'vi' ? 'Mã máy trạm' : 'Workstation'}: ${i.workstationId}`,
            `${rt.lang === 'vi' ? 'Lược đồ' : 'Schema'}: ${i.schemaVersion} (${i.migrations})`,
            `SQLite: ${i.sqlite}; ${i.cipher}`,
            `${rt.lang === 'vi' ? 'Đầu nhật ký thay đổi' : 'Change-log head'}: ${i.changeLogHead ? `${i.changeLogHead.seq} (${i.changeLogHead.hlc})` : '-'}`,
            ...Object.entries(i.counts).map(([k, v]) => `  ${k}: ${v}`),
          ].join('\n'),
        );
      }),
    );
}
