// Developer tool: page usage per table of a data directory (`node dist/test/inspect-db.cjs DIR USER` with the
// password on stdin). Prints counts and sizes only, never row contents.
import fs from 'node:fs';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';

async function main() {
  const [dir, user] = process.argv.slice(2);
  const password = fs.readFileSync(0, 'utf8').split('\n')[0]!;
  const host = createHost({ dataDir: dir!, preferences: new MemoryPreferencesStore(), kdfPolicy: 'floor' });
  const r = await host.call('session.unlock', { username: user!, password });
  if (!r.ok) throw new Error(r.error.code);
  const raw = host.openState().raw;
  try {
    const rows = raw
      .prepare(
        'SELECT name, count(*) AS pages, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 20',
      )
      .all();
    console.table(rows);
  } catch (e) {
    console.log('dbstat unavailable', (e as Error).message);
  }
  for (const t of ['persons', 'person_name_tokens', 'change_log', 'audit_log', 'person_measures', 'drug_tests']) {
    console.log(t, (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
  }
  console.log(raw.pragma('page_size'), raw.pragma('freelist_count'));
  await host.close();
}
void main();
