import { describe, expect, it } from 'vitest';
import { ok } from '../support/host';
import { as, personsWorld } from '../support/persons';

describe('the referral board in one query', () => {
  it('gives each state its count, overdue count and first items by time limit, as counted row by row', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'persons.seed', { count: 300, seed: 7, provinceCode: '08', intoLive: true });
    await ok(w.host, 'rehab.seed', { referrals: 300, seed: 7 });
    const raw = w.host.openState().raw;
    // The host's day (the test clock), in Vietnam.
    const today = new Date(w.host.nowMs() + 7 * 3600_000).toISOString().slice(0, 10);
    const counted = new Map(
      (
        raw
          .prepare(
            `SELECT state, count(*) AS n, sum(deadline < ?) AS overdue FROM rehab_referrals
             WHERE deleted_at IS NULL GROUP BY state`,
          )
          .all(today) as { state: string; n: number; overdue: number | null }[]
      ).map((r) => [r.state, r]),
    );
    const limit = 5;
    const board = await ok(w.host, 'referrals.board', { includeClosed: true, limit });
    expect(board.columns.length).toBeGreaterThan(10);
    let total = 0;
    for (const c of board.columns) {
      const expected = counted.get(c.state);
      expect(c.count, c.state).toBe(expected?.n ?? 0);
      expect(c.overdue, c.state).toBe(expected?.overdue ?? 0);
      expect(c.items.length, c.state).toBe(Math.min(limit, c.count));
      expect(c.items.every((i) => i.state === c.state)).toBe(true);
      // Overdue first: by time limit, the ones without a limit last.
      const keys = c.items.map((i) => i.deadline ?? '9999-12-31');
      expect(keys).toEqual([...keys].sort());
      total += c.count;
    }
    expect(board.total).toBe(total);
    expect(total).toBe([...counted.values()].reduce((a, r) => a + r.n, 0));
    // One state asked alone: the same column.
    const busiest = [...board.columns].sort((a, b) => b.count - a.count)[0]!;
    const one = await ok(w.host, 'referrals.board', { state: busiest.state, limit });
    expect(one.columns).toEqual([busiest]);
    // A commune officer's board holds only their commune's referrals.
    await as(w.host, w.accounts.officerA.username);
    const own = await ok(w.host, 'referrals.board', { includeClosed: true, limit: 1000 });
    const communes = new Set(own.columns.flatMap((c) => c.items.map((i) => i.communeCode)));
    expect([...communes].every((c) => c === w.communeA.code)).toBe(true);
  }, 300_000);
});
