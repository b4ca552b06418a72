import { runCli } from './program';

/** Entry point of the `hoso` command (bin/hoso.cjs loads the bundle built from this file). */
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('hoso: internal error\n');
    process.exitCode = 1;
  },
);
