import { benchCore } from './core.bench';

/** `npm run bench`: prints figures and ratios against plain SQLite measured in the same run; asserts nothing. */
async function main() {
  process.env.HOSO_QUIET = '1';
  await benchCore();
}

main().catch((e) => {
  console.error('bench failed', e instanceof Error ? e.name : e);
  process.exitCode = 1;
});
