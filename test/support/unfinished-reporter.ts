import fs from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** Where the run writes what `run-unit.mjs` needs to decide whether a file whose worker died may run again. */
export const UNFINISHED_FILE = process.env.HOSO_UNFINISHED_FILE;

/**
 * Names the test files that never reported an outcome. When a forks worker dies (a native crash, a kill), vitest
 * prints only "Worker exited unexpectedly" and counts the file neither passed nor failed (104 passed of 105), so
 * the run says nothing of which file it was: this reporter prints it, beside the default one, and writes the list
 * (with whether anything else went wrong) for `test/support/run-unit.mjs`.
 */
export default class UnfinishedReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    const unfinished = modules.filter((m) => m.state() === 'queued' || m.state() === 'pending');
    const failed = modules.filter((m) => m.state() === 'failed').map((m) => m.relativeModuleId);
    // Only the pool's own report of a dead worker: any other unhandled error is a failure of the run.
    const otherErrors = errors.filter((e) => !/Worker (forks emitted error|exited unexpectedly)/.test(e.message ?? ''));
    if (unfinished.length)
      process.stderr.write(
        `\nTest files with no outcome (their worker ended before reporting):\n${unfinished
          .map((m) => `  ${m.relativeModuleId} (${m.state()})`)
          .join('\n')}\n`,
      );
    if (UNFINISHED_FILE)
      fs.writeFileSync(
        UNFINISHED_FILE,
        JSON.stringify({
          unfinished: unfinished.map((m) => m.relativeModuleId),
          failed,
          otherErrors: otherErrors.length,
        }),
      );
  }
}
