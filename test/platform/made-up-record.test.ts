import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { contract } from '../../shared/contract';
import { audited, procedure } from '../../shared/contract/define';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { Permissions as P } from '../../shared/domain/roles';
import { applyChanges } from '../../electron/changelog/apply';
import { insertRecord, updateRecord, type ReplicatedTable } from '../../electron/changelog/changelog';
import { encodeHlc, decodeHlc } from '../../electron/changelog/hlc';
import type { DomainContext } from '../../electron/host/context';
import { domainHandlers } from '../../electron/host/handlers';
import { fieldVisible, recordInScope } from '../../electron/platform/record-access';
import { ALL_COLUMNS, type TableSpec } from '../../electron/platform/table-spec';
import { project, registerTable } from '../../electron/platform/tables';
import { err, ok } from '../support/host';
import { as, personsWorld } from '../support/persons';
import { readEntries } from '../../electron/changelog/log-store';

/**
 * The platform's promise: a new record type is a table spec, a contract entry and a handler, and it is then
 * scoped, audited, change-logged, merged with conflicts and refused to the wrong role without further code.
 * This test adds a made-up type ("widget": a thing kept by a commune) exactly that way.
 */
const widgetSpec: TableSpec = {
  table: 'widgets' as ReplicatedTable,
  recordType: 'widget',
  family: 'persons',
  columns: {
    name: { type: 'text' },
    colour: { type: 'text', enum: ['red', 'green'] },
    secretNote: { type: 'text', nullable: true },
    provinceCode: { type: 'text', nullable: true },
    communeCode: { type: 'text', nullable: true },
    unitId: { type: 'text', nullable: true },
  },
  derived: [],
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode' },
  sensitive: ['secretNote'],
  // Commune officers see a widget without its note; rehab staff and auditors see nothing at all.
  views: { leader: ALL_COLUMNS, commune_officer: ['name', 'colour', 'provinceCode', 'communeCode', 'unitId'] },
};

const widgetInput = z
  .object({
    name: z.string().min(1).max(100),
    colour: z.enum(['red', 'green']),
    secretNote: z.string().max(200).nullable().default(null),
  })
  .strict();
const idInput = z.object({ widgetId: z.string().uuid() }).strict();

type Widget = Record<string, unknown>;

async function readWidget(ctx: DomainContext, id: string): Promise<Widget> {
  if (!(await recordInScope(ctx, widgetSpec, id)))
    throw new AppError(ErrorCodes.FORBIDDEN, 'this widget is outside your scope');
  const row = (await ctx
    .db()
    .selectFrom('widgets' as never)
    .selectAll()
    .where('id' as never, '=', id as never)
    .executeTakeFirstOrThrow()) as Widget;
  return project('widgets', ctx.session().role, row);
}

const procedures = {
  'widgets.create': procedure<Widget>()({
    input: widgetInput,
    access: [P.personsWrite],
    audit: audited('record.create', 'widget'),
  }),
  'widgets.get': procedure<Widget>()({
    input: idInput,
    access: [P.personsRead, P.personsReadLimited],
    audit: audited('record.read', 'widget'),
  }),
};
const handlers = {
  async 'widgets.create'(ctx: DomainContext, input: z.output<typeof widgetInput>) {
    const unit = ctx.scope();
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'widgets' as ReplicatedTable, id, {
      ...input,
      provinceCode: '08',
      communeCode: unit.communeCode,
      unitId: ctx.session().unitId,
    } as never);
    ctx.target({ recordType: 'widget', recordId: id });
    return readWidget(ctx, id);
  },
  async 'widgets.get'(ctx: DomainContext, { widgetId }: z.output<typeof idInput>) {
    ctx.target({ recordType: 'widget', recordId: widgetId });
    return readWidget(ctx, widgetId);
  },
};

function install() {
  registerTable(widgetSpec);
  Object.assign(contract, procedures);
  Object.assign(domainHandlers, handlers);
}

describe('a made-up record type on the platform', () => {
  it('is scoped, projected, audited, change-logged, merged with conflicts and refused to the wrong role', async () => {
    install();
    const w = await personsWorld();
    const call = (name: string, input: unknown) => w.host.call(name, input);
    await as(w.host, w.accounts.officerA.username);
    w.host.openState().raw.exec(`CREATE TABLE widgets (id TEXT PRIMARY KEY, name TEXT NOT NULL, colour TEXT NOT NULL,
      secret_note TEXT, province_code TEXT, commune_code TEXT, unit_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      origin_ws TEXT NOT NULL, hlc TEXT NOT NULL, deleted_at TEXT)`);

    // Created through the router: change-logged and audited.
    const created = await call('widgets.create', { name: 'Bàn cân', colour: 'red', secretNote: 'ghi chú mật' });
    expect(created.ok).toBe(true);
    const widget = (created as { value: Widget }).value;
    expect(widget).toMatchObject({ name: 'Bàn cân', communeCode: w.communeA.code, secretNote: null });
    const raw = () => w.host.openState().raw;
    const logged = await readEntries(w.host.openState().db, { tables: ['widgets'] });
    expect(logged.map((l) => Object.keys(JSON.parse(l.changes)).sort())).toEqual([
      ['colour', 'communeCode', 'name', 'provinceCode', 'secretNote', 'unitId'],
    ]);

    // Scope: another commune's officer is refused; rehab staff have no view of widgets; the auditor may not call.
    await as(w.host, w.accounts.officerB.username);
    expect(await call('widgets.get', { widgetId: widget.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await as(w.host, w.accounts.rehab.username);
    expect(await call('widgets.get', { widgetId: widget.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('widgets.create', { name: 'x', colour: 'red' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Projection: the leader sees the note, which the commune officer's allow-list leaves out.
    await as(w.host, w.accounts.leader.username);
    expect(await call('widgets.get', { widgetId: widget.id })).toMatchObject({
      ok: true,
      value: { secretNote: 'ghi chú mật' },
    });
    expect(fieldVisible(widgetSpec, 'commune_officer', 'secretNote')).toBe(false);

    // Merge: another workstation renamed it concurrently with a local rename: both kept, one as a conflict.
    const s = w.host.openState();
    const insertStamp = (await readEntries(s.db, { tables: ['widgets'] }))[0]!.hlc;
    await updateRecord(
      s.db,
      { hlc: s.hlc, workstationId: s.workstationId, accountId: null, now: () => new Date() },
      'widgets' as ReplicatedTable,
      widget.id as string,
      { name: 'Bàn cân điện tử' } as never,
    );
    const remote = encodeHlc({
      wall: decodeHlc(insertStamp).wall + 1,
      counter: 0,
      node: '0196b1d0-0000-7000-8000-00000000beef',
    });
    await s.db.transaction().execute((trx) =>
      applyChanges(
        trx,
        s.hlc,
        [
          {
            hlc: remote,
            tableName: 'widgets',
            recordId: widget.id as string,
            changes: JSON.stringify({ name: 'Cân bàn' }),
            base: JSON.stringify({ name: insertStamp }),
            workstationId: '0196b1d0-0000-7000-8000-00000000beef',
            accountId: null,
          },
        ],
        '2026-11-23',
      ),
    );
    const conflicts = await ok(w.host, 'conflicts.list', { recordId: widget.id as string });
    expect(conflicts).toEqual([
      expect.objectContaining({
        recordType: 'widget',
        field: 'name',
        current: expect.objectContaining({ value: 'Cân bàn' }),
        other: expect.objectContaining({ value: 'Bàn cân điện tử' }),
      }),
    ]);
    // The remote stamp is later, so its name is in the record; the local one waits as the other version.
    // A commune officer is no resolver; the leader takes the local name back, audited without values.
    await as(w.host, w.accounts.officerA.username);
    expect((await err(w.host, 'conflicts.list', {})).code).toBe('FORBIDDEN');
    await as(w.host, w.accounts.leader.username);
    expect(await ok(w.host, 'conflicts.resolve', { conflictId: conflicts[0]!.id, choice: 'other' })).toEqual({
      resolved: 1,
      remaining: 0,
    });
    expect(await call('widgets.get', { widgetId: widget.id })).toMatchObject({
      ok: true,
      value: { name: 'Bàn cân điện tử' },
    });
    expect(await ok(w.host, 'conflicts.list', {})).toEqual([]);
    const audit = raw()
      .prepare(`SELECT action, record_type, detail FROM audit_log WHERE record_type = 'widget' ORDER BY seq`)
      .all() as { action: string; detail: string | null }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['record.create', 'record.read', 'conflict.resolve']),
    );
    expect(JSON.stringify(audit)).not.toMatch(/Cân bàn|Bàn cân|ghi chú/);
  });
});
