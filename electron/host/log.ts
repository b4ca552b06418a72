/**
 * The only logger of the trusted side. Error messages from SQLite or libraries can quote values, so only the
 * error's class and the stack's code locations are printed, never its message (there is no switch that prints
 * it). HOSO_QUIET=1 silences the log (tests).
 */
export function safeLog(what: string, e?: unknown): void {
  if (process.env.HOSO_QUIET === '1') return;
  if (e === undefined) {
    process.stderr.write(`[hoso] ${what}\n`);
    return;
  }
  const kind = e instanceof Error ? e.name : typeof e;
  const where =
    e instanceof Error && e.stack
      ? e.stack
          .split('\n')
          .slice(1, 4)
          .map((l) => l.trim())
          .join(' | ')
      : '';
  process.stderr.write(`[hoso] ${what}: ${kind}${where ? ` at ${where}` : ''}\n`);
}
