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
    const hasFailed = (m: TestModule) => m.state() === 'failed' || [...m.children.allTests('failed')].length > 0;
    // A file whose worker died after one of its tests failed is still pending: it counts as failed.
    const unfinished = modules.filter((m) => (m.state() === 'queued' || m.state() === 'pending') && !hasFailed(m));
    const failed = modules.filter(hasFailed).map((m) => m.relativeModuleId);
    // Only the pool's own report of a dead worker (its wrapper's cause): any other error is a failure of the run.
    const deadWorker = (e: SerializedError) =>
      /Worker exited unexpectedly/.test(
        `${e.message ?? ''} ${String((e as { cause?: { message?: unknown } }).cause?.message ?? '')}`,
      ) && /^(\[vitest-pool\]: Worker forks emitted error\.|Worker exited unexpectedly)/.test(e.message ?? '');
    const otherErrors = errors.filter((e) => !deadWorker(e));
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
