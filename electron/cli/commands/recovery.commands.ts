import type { Command } from 'commander';
import type { RunCommand } from '../program';

/** `hoso recovery rotate`: a new recovery key (and sheet); the old one stops opening this vault. */
export function registerRecoveryCommands(program: Command, run: RunCommand): void {
  const recovery = program.command('recovery').description('Khóa khôi phục / the recovery key');

  recovery
    .command('rotate')
    .description('Cấp khóa khôi phục mới, khóa cũ hết hiệu lực / issue a new recovery key, the old one stops working')
    .option('--recovery-sheet-html', 'in tờ khóa khôi phục dạng HTML ra stdout / print the recovery sheet as HTML')
    .action(
      run(async (rt, o: { recoverySheetHtml?: boolean }) => {
        // The signed-in password is asked again by the procedure, as for a rekey (stdin: the next line).
        const password = await rt.input.secret(rt.lang === 'vi' ? 'Xác nhận mật khẩu: ' : 'Confirm password: ');
        const r = await rt.call('vault.rotateRecovery', { password });
        if (o.recoverySheetHtml) {
          process.stdout.write(r.recoverySheetHtml);
          return;
        }
        rt.print({ workstationId: r.workstationId, recoveryKey: r.recoveryKey }, () =>
          rt.lang === 'vi'
            ? [
                'Đã cấp khóa khôi phục mới; khóa cũ không còn mở được kho dữ liệu này.',
                'KHÓA KHÔI PHỤC MỚI (chỉ hiển thị MỘT lần — chép ra giấy và cất nơi an toàn):',
                `    ${r.recoveryKey}`,
              ].join('\n')
            : [
                'New recovery key issued; the old one no longer opens this vault.',
                'NEW RECOVERY KEY (shown ONCE — write it on paper and keep it safe):',
                `    ${r.recoveryKey}`,
              ].join('\n'),
        );
      }),
    );
}
