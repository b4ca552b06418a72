import { benchCore } from './core.bench';
import { benchPersons, personsChild } from './persons.bench';
import { benchInvestigations } from './investigations.bench';
import { benchReports } from './reports.bench';
import { benchRehab } from './rehab.bench';
import { benchExchange, exchangeChild } from './exchange.bench';

/** `npm run bench`: prints figures and ratios against plain SQLite measured in the same run; asserts nothing. */
async function main() {
  process.env.HOSO_QUIET = '1';
  // The exchange bench's importer runs this file again in its own process (to measure its memory).
  if (await exchangeChild()) return;
  // So does the persons bench's, to measure the app's memory with one connection.
  if (await personsChild()) return;
  await benchCore();
  // BENCH_PERSONS=100000,1000000 by default; a smaller list for a quick look.
  const sizes = (process.env.BENCH_PERSONS ?? '100000,1000000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  for (const n of sizes) await benchPersons(n);
  // BENCH_CASES=500000 (off by default): cases with twice as many persons (BENCH_CASES_PERSONS), issue 10's figures.
  for (const n of (process.env.BENCH_CASES ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0))
    await benchInvestigations(n);
  // BENCH_REPORTS=1000000 (off by default): a province's year of every indicator and its XLSX, issue 13's figures.
  for (const n of (process.env.BENCH_REPORTS ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0))
    await benchReports(n);
  // BENCH_REFERRALS=200000 (off by default): referrals with five persons each (BENCH_REFERRALS_PERSONS), issue 11's.
  for (const n of (process.env.BENCH_REFERRALS ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0))
    await benchRehab(n);
  // BENCH_EXCHANGE=100000 (off by default): export and import of persons with their measures, attachments, issue 12's.
  for (const n of (process.env.BENCH_EXCHANGE ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0))
    await benchExchange(n);
}

main().catch((e) => {
  console.error('bench failed', e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exitCode = 1;
});
