import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './commands/account.commands';
import { registerAuditCommands } from './commands/audit.commands';
import { registerConflictCommands } from './commands/conflict.commands';
import { registerExchangeCommands } from './commands/exchange.commands';
import { registerGrantCommands } from './commands/grant.commands';
import { registerInvestigationCommands } from './commands/investigation.commands';
import { registerPersonCommands } from './commands/person.commands';
import { registerRecoveryCommands } from './commands/recovery.commands';
import { registerRehabCommands } from './commands/rehab.commands';
import { registerReportCommands } from './commands/report.commands';
import { registerSeedCommands } from './commands/seed.commands';
import { registerVaultCommands } from './commands/vault.commands';
import { CliUsageError } from './io';
import { cliLanguage, CliRuntime, reportError, type GlobalOptions } from './runtime';

/**
 * A command's body; it may return its exit status (e.g. 1 when `audit verify` finds a problem), default 0. `A` is
 * what commander passes for the command's declared arguments and options, in order (each body names their types).
 */
export type RunCommand = <A extends unknown[]>(
  fn: (rt: CliRuntime, ...args: A) => Promise<void | number>,
  opts?: { signIn?: boolean },
) => (...args: unknown[]) => Promise<void>;

/** Commander's own complaints, in Vietnamese (the English line follows for a search on the web of the manual). */
const COMMANDER_VI: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '([^']*)'/, (f) => `lỗi cú pháp: không có tuỳ chọn ${f}`],
  [/^error: unknown command '([^']*)'/, (c) => `lỗi cú pháp: không có lệnh ${c}`],
  [/^error: option '([^']*)' argument missing/, (f) => `lỗi cú pháp: ${f} cần một giá trị`],
  [/^error: required option '([^']*)' not specified/, (f) => `lỗi cú pháp: thiếu tuỳ chọn bắt buộc ${f}`],
  [/^error: missing required argument '([^']*)'/, (a) => `lỗi cú pháp: thiếu tham số ${a}`],
  [/^error: too many arguments/, () => 'lỗi cú pháp: thừa tham số'],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid/,
    (f, v) => `lỗi cú pháp: giá trị ${v} không hợp lệ cho ${f}`,
  ],
];

export function commanderErrorVi(text: string): string {
  for (const [re, say] of COMMANDER_VI) {
    const m = re.exec(text);
    if (m) return `${say(...m.slice(1))}\n${text}`;
  }
  return text;
}

/** Builds the `hoso` program. `exit` receives the status instead of process.exit, for tests and embedding. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('hoso')
    .description('HoSo — hồ sơ phòng, chống ma túy / drug-control records (command line)')
    .option('--data-dir <dir>', 'thư mục dữ liệu / data directory')
    .option('--user <name>', 'tài khoản đăng nhập / account to sign in as')
    .option('--password-stdin', 'đọc mật khẩu từ dòng đầu của stdin / read the password from the first line of stdin')
    .option('--json', 'xuất JSON / JSON output')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(cliLanguage() === 'vi' ? commanderErrorVi(s) : s),
    });

  const run: RunCommand =
    <A extends unknown[]>(
      fn: (rt: CliRuntime, ...args: A) => Promise<void | number>,
      { signIn = true }: { signIn?: boolean } = {},
    ) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals() as GlobalOptions;
      // Commander's own order: the declared arguments, then the options object (the body's parameter types).
      const positional = args.slice(0, -1) as A;
      let rt: CliRuntime | null = null;
      try {
        rt = new CliRuntime(globals);
        if (signIn) await rt.signIn();
        const status = await fn(rt, ...positional);
        setExit(typeof status === 'number' ? status : 0);
      } catch (e) {
        setExit(reportError(e, rt?.lang ?? cliLanguage(), Boolean(globals.json)));
      } finally {
        await rt?.close();
      }
    };

  registerVaultCommands(program, run);
  registerRecoveryCommands(program, run);
  registerAccountCommands(program, run);
  registerGrantCommands(program, run);
  registerAuditCommands(program, run);
  registerSeedCommands(program, run);
  registerInvestigationCommands(program, run);
  registerPersonCommands(program, run);
  registerRehabCommands(program, run);
  registerConflictCommands(program, run);
  registerReportCommands(program, run);
  registerExchangeCommands(program, run);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; everything else commander rejects is a usage error.
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e instanceof CliUsageError ? e : e, cliLanguage(), false);
  }
  return code;
}
