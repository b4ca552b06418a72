import { describe, expect, it } from 'vitest';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';
import { readEntries } from '../../electron/changelog/log-store';
import { personTable } from '../../electron/persons/person.table';
import { vietnamDay } from '../../shared/domain/working-days';

describe('persons.seed', () => {
  it('attack: seeding synthetic people into a live database is refused unless said on purpose', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    await ok(w.host, 'persons.create', {
      fullName: 'Nguyễn Thị Thật',
      sex: 'female',
      birthDate: '1985-01-01',
      citizenId: cccd(1985, 'female', '000111'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Tổ 1' },
      substances: [],
      confirmed: true,
    });
    await as(w.host, w.accounts.leader.username);
    const e = await err(w.host, 'persons.seed', { count: 10 });
    expect(e.code).toBe('CONFLICT');
    expect(e.issues).toEqual([{ path: 'intoLive', code: 'seed_live_database' }]);
    const count = () => w.host.openState().raw.prepare('SELECT count(*) AS n FROM persons').get();
    expect(count()).toEqual({ n: 1 });
    expect(await ok(w.host, 'persons.seed', { count: 10, intoLive: true })).toMatchObject({ persons: 10 });
    expect(count()).toEqual({ n: 11 });
  });

  it('seeds an empty database, and again on top of its own people, audited as a procedure', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    expect(await ok(w.host, 'persons.seed', { count: 20, seed: 2 })).toMatchObject({ persons: 20 });
    expect(await ok(w.host, 'persons.seed', { count: 5, seed: 3 })).toMatchObject({ persons: 5 });
    const audit = w.host
      .openState()
      .raw.prepare(`SELECT outcome, detail FROM audit_log WHERE action = 'persons.seed' ORDER BY seq`)
      .all() as { outcome: string; detail: string }[];
    expect(audit.map((a) => [a.outcome, JSON.parse(a.detail).count])).toEqual([
      ['ok', 20],
      ['ok', 5],
    ]);
    // Seeded records travel like any other: each has its change-log entry.
    const logged = await readEntries(w.host.openState().db, { tables: ['persons'] });
    expect(new Set(logged.map((c) => c.recordId)).size).toBe(25);
    // A seeded record's first write is kept by reference to its row and written out from it when read.
    expect(Object.keys(JSON.parse(logged[0]!.changes) as object)).toEqual(expect.arrayContaining(['fullName']));
  });

  it("derives what it writes by the app's own rules: a seeded person's derived columns equal a re-derive of them", async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'persons.seed', { count: 300, seed: 5 });
    const { raw, db } = w.host.openState();
    const cols = 'id, category, last_contact_at, name_folded, sort_key, birth_year, first_positive_on, reach_from';
    const read = () => raw.prepare(`SELECT ${cols} FROM persons ORDER BY id`).all() as Record<string, unknown>[];
    const seeded = read();
    // The last contact is the latest check-in or test (the seed once took the tests alone).
    const withCheckIn = raw
      .prepare(
        `SELECT count(*) AS n FROM persons p WHERE p.last_contact_at =
           (SELECT max(c.date) FROM person_check_ins c WHERE c.person_id = p.id)`,
      )
      .get() as { n: number };
    expect(withCheckIn.n).toBeGreaterThan(10);
    const ids = seeded.map((r) => r.id as string);
    await db.transaction().execute((trx) => personTable.rederive!(trx, ids, vietnamDay(new Date(w.clock.now()))));
    expect(read()).toEqual(seeded);
  });
});
