import type { Command } from 'commander';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';
import type { CliRuntime } from '../runtime';

/** A whole number in range, or a usage error naming the option. */
export function countOption(value: string | undefined, name: string, max: number): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new CliUsageError(
      `${name} must be 0 … ${max.toLocaleString('en')}`,
      `${name} phải từ 0 đến ${max.toLocaleString('vi-VN')}`,
    );
  return n;
}

/**
 * Prints `done / total` on stderr while a seeding procedure reports progress (not with --json): rewritten in place
 * on a terminal, a line each when stderr goes to a file or a pipe (a `\r` there ran the figures together).
 */
export function progressLine(rt: CliRuntime, total: number): () => void {
  const tty = Boolean(process.stderr.isTTY);
  const stop = rt.host.on('call.progress', ({ done }) => {
    if (rt.opts.json) return;
    const line = `${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')}`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  });
  return () => {
    stop();
    if (!rt.opts.json && tty) process.stderr.write('\n');
  };
}

interface SeedOptions {
  persons?: string;
  cases?: string;
  referrals?: string;
  seed: string;
  province: string;
  intoLive?: boolean;
}

/**
 * `hoso seed`: synthetic records for trials and benchmarks, deterministic per seed. Each record family adds its
 * option and its step below (persons first: the others draw their people from the seeded persons).
 */
export function registerSeedCommands(program: Command, run: RunCommand): void {
  program
    .command('seed')
    .description('Tạo dữ liệu giả lập để thử nghiệm / generate synthetic records for trials and benchmarks')
    .option('--persons <n>', 'số người / number of persons')
    .option(
      '--cases <n>',
      'số vụ án (kèm tin báo, bị can, thu giữ, điểm) / number of cases (with tips, suspects, seizures, hot spots)',
    )
    .option(
      '--referrals <n>',
      'số hồ sơ cai nghiện (kèm cơ sở, lượt ở, methadone) / number of rehab referrals (with facilities, stays, methadone)',
    )
    .option('--seed <s>', 'hạt giống (cùng hạt → cùng dữ liệu) / seed (same seed, same data)', '1')
    .option('--province <code>', 'tỉnh chính / main province code', '08')
    .option(
      '--into-live',
      'cho phép tạo vào cơ sở dữ liệu đã có hồ sơ thật / allow seeding a database with real records',
    )
    .action(
      run(async (rt, o: SeedOptions) => {
        const seed = Number(o.seed);
        if (!Number.isInteger(seed))
          throw new CliUsageError('--seed must be a whole number', '--seed phải là số nguyên');
        const persons = countOption(o.persons, '--persons', 5_000_000);
        const cases = countOption(o.cases, '--cases', 2_000_000);
        const referrals = countOption(o.referrals, '--referrals', 1_000_000);
        const steps = [persons, cases, referrals].filter((n) => n !== null);
        if (steps.length === 0)
          throw new CliUsageError(
            'say what to seed, e.g. --persons 1000',
            'hãy cho biết cần tạo gì, ví dụ --persons 1000',
          );
        // One object of counts for --json; `ms` is the whole run (each step's own time is in its line).
        const out: Record<string, unknown> = {};
        let totalMs = 0;
        const add = <R extends { ms: number }>({ ms, ...counts }: R) => {
          Object.assign(out, counts);
          totalMs += ms;
        };
        const lines: string[] = [];
        if (persons !== null) {
          const stop = progressLine(rt, persons);
          const r = await rt
            .call('persons.seed', { count: persons, seed, provinceCode: o.province, intoLive: Boolean(o.intoLive) })
            .finally(stop);
          add(r);
          lines.push(
            rt.lang === 'vi'
              ? `Đã tạo ${r.persons} người, ${r.measures} biện pháp, ${r.tests} xét nghiệm trong ${(r.ms / 1000).toFixed(1)} s.`
              : `Created ${r.persons} persons, ${r.measures} measures, ${r.tests} tests in ${(r.ms / 1000).toFixed(1)} s.`,
          );
        }
        if (cases !== null) {
          const stop = progressLine(rt, cases);
          const r = await rt
            .call('investigations.seed', { cases, seed, provinceCode: o.province, intoLive: Boolean(o.intoLive) })
            .finally(stop);
          add(r);
          lines.push(
            rt.lang === 'vi'
              ? `Đã tạo ${r.cases} vụ án, ${r.tips} tin báo, ${r.suspects} bị can, ${r.seizures} mục thu giữ, ${r.hotspots} điểm trong ${(r.ms / 1000).toFixed(1)} s.`
              : `Created ${r.cases} cases, ${r.tips} tips, ${r.suspects} suspects, ${r.seizures} seizures, ${r.hotspots} hot spots in ${(r.ms / 1000).toFixed(1)} s.`,
          );
        }
        if (referrals) {
          const stop = progressLine(rt, referrals + Math.ceil(referrals / 5));
          const r = await rt.call('rehab.seed', { referrals, seed, intoLive: Boolean(o.intoLive) }).finally(stop);
          add(r);
          lines.push(
            rt.lang === 'vi'
              ? `Đã tạo ${r.facilities} cơ sở, ${r.referrals} hồ sơ cai nghiện, ${r.stays} lượt tiếp nhận, ${r.methadone} người điều trị methadone, ${r.voluntary} người cai nghiện tự nguyện trong ${(r.ms / 1000).toFixed(1)} s.`
              : `Created ${r.facilities} facilities, ${r.referrals} referrals, ${r.stays} stays, ${r.methadone} methadone episodes, ${r.voluntary} voluntary registrations in ${(r.ms / 1000).toFixed(1)} s.`,
          );
        }
        rt.print({ ...out, ms: totalMs }, () => lines.join('\n'));
      }),
    );
}
