import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, verifyAuditChain } from '../../electron/audit/audit';
import { checkpointCode, parseCheckpoint, recordPeerHead, senderHeadForBundle } from '../../electron/audit/checkpoint';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateToLatest } from '../../electron/db/migrate';
import { tempDir } from '../support/host';

/** A real encrypted database with the schema and a few audit entries. */
async function logWith(entries: number) {
  const raw = new Database(path.join(tempDir(), 'a.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  await migrateToLatest(createKysely(raw));
  const workstationId = crypto.randomUUID();
  const log = new AuditLog(raw, workstationId);
  for (let i = 0; i < entries; i++) {
    log.append(
      { accountId: null, username: 'quantri', role: 'admin', action: 'unit.create', outcome: 'ok' },
      new Date(Date.UTC(2026, 11, 3, 8, 0, i)),
    );
  }
  return { raw, workstationId, log };
}

describe('paper checkpoints of the audit head (issue 9, item 4a)', () => {
  it('a code is the entry number and 80 bits of its hash, and reads back as people copy it', async () => {
    const { log } = await logWith(3);
    const head = log.currentHead();
    const code = checkpointCode(head.seq, head.hash);
    expect(code).toMatch(/^3-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    const digest = code.slice(2).replace(/-/g, '');
    expect(parseCheckpoint(code)).toEqual({ seq: 3, digest });
    // Lower case, spaces instead of dashes, and 0/1/8 typed for O/I/B.
    const typed = `3 ${digest.toLowerCase().replace(/o/g, '0').replace(/i/g, '1').replace(/b/g, '8').match(/.{4}/g)!.join(' ')}`;
    expect(parseCheckpoint(typed)).toEqual({ seq: 3, digest });
    for (const bad of [
      '',
      '3',
      '3-ABCD',
      'x-ABCD-EFGH-JKLM-NPQR',
      `0-${digest}`,
      `3-${digest}A`,
      `3-${digest.slice(0, 15)}9`,
    ]) {
      expect(() => parseCheckpoint(bad), bad).toThrow(expect.objectContaining({ code: 'CHECKPOINT_INVALID' }));
    }
  });

  it('verify --checkpoint fails when the entry was rewritten with the chain re-hashed, as a key holder could', async () => {
    const { raw, workstationId, log } = await logWith(6);
    const at4 = raw.prepare('SELECT hash FROM audit_log WHERE seq = 4').get() as { hash: string };
    const cp = parseCheckpoint(checkpointCode(4, at4.hash));
    expect(verifyAuditChain(raw, workstationId, log.currentHead(), cp)).toMatchObject({
      ok: true,
      checkpoint: { seq: 4, found: true },
    });
    // Remove entry 2 and rebuild a clean chain from the rest: the local checks are satisfied again.
    raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    const kept = raw.prepare('SELECT * FROM audit_log WHERE seq <> 2 ORDER BY seq').all() as {
      at: string;
      username: string;
      role: string;
      action: string;
      outcome: 'ok';
    }[];
    raw.exec('DELETE FROM audit_log');
    const forged = new AuditLog(raw, workstationId);
    for (const r of kept) {
      forged.append(
        { accountId: null, username: r.username, role: r.role, action: r.action, outcome: r.outcome },
        new Date(r.at),
      );
    }
    const clean = verifyAuditChain(raw, workstationId, forged.currentHead());
    expect(clean.ok).toBe(true);
    const v = verifyAuditChain(raw, workstationId, forged.currentHead(), cp);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ seq: 4, kind: 'checkpoint_missing' })]);
  });
});

describe('bundle exchange hook (issue 9, item 4b)', () => {
  it("keeps a peer's newest head and says when a later one went back or forked", async () => {
    const sender = await logWith(5);
    const state = { workstationId: sender.workstationId, audit: sender.log };
    const { raw } = await logWith(0);
    const first = senderHeadForBundle(state, new Date('2026-12-03T08:00:00Z'));
    expect(first).toMatchObject({ workstationId: sender.workstationId, seq: 5, at: '2026-12-03T08:00:00.000Z' });
    const at = new Date('2026-12-03T09:00:00Z');
    expect(recordPeerHead(raw, first, at).verdict).toBe('first');
    expect(recordPeerHead(raw, first, at).verdict).toBe('same');
    sender.log.append({ accountId: null, username: null, role: null, action: 'backup.create', outcome: 'ok' }, at);
    const second = senderHeadForBundle(state, at);
    expect(recordPeerHead(raw, second, at)).toEqual({ previous: { seq: 5, hash: first.hash }, verdict: 'advanced' });
    // An older head, or the same number with another hash: the peer's log went back or was rewritten.
    expect(recordPeerHead(raw, first, at).verdict).toBe('regressed');
    expect(recordPeerHead(raw, { ...second, hash: first.hash }, at).verdict).toBe('regressed');
    // The regressed heads did not replace the evidence.
    expect(recordPeerHead(raw, second, at)).toEqual({ previous: { seq: 6, hash: second.hash }, verdict: 'same' });
  });
});
