import { describe, expect, it } from 'vitest';
import { validateChange } from '../../electron/changelog/apply';
import { canonicalHlc, decodeHlc, encodeHlc } from '../../electron/changelog/hlc';
import { canonicalId, idKey, recordIdOf, recordKey } from '../../electron/changelog/log-store';
import { carryParsed, keepParsed, mergeRecord, type ChangeEntry } from '../../electron/changelog/merge';

/**
 * A change is parsed once on an import (changelog/merge.ts `keepParsed`): the validator and the merge reuse what
 * was parsed only while the entry holds the very text it was parsed from; a changed text is parsed again. The
 * shortcuts for ids and stamps give what the long way (bytes and back, decode and encode) gives.
 */
const ID = '0a1b2c3d-0000-4000-8000-00000000abcd';
const HLC = '001764554400000-000000-node-1';

function entry(changes: string): ChangeEntry {
  return { hlc: HLC, tableName: 'units', recordId: ID, changes, base: null, workstationId: 'ws' };
}

describe('a change parsed once', () => {
  it('merges from what the validator parsed, and parses a text changed since again', () => {
    const e = entry(JSON.stringify({ code: 'A', name: 'Xã A', kind: 'commune_police' }));
    expect(validateChange(e)).toEqual({ code: 'A', name: 'Xã A', kind: 'commune_police' });
    expect(mergeRecord([e]).values.name).toBe('Xã A');
    const copy = { ...e };
    carryParsed(e, copy);
    expect(mergeRecord([copy]).values.name).toBe('Xã A');
    // The same object with another text: the kept fields no longer apply.
    e.changes = JSON.stringify({ code: 'A', name: 'Xã B', kind: 'commune_police' });
    expect(mergeRecord([e]).values.name).toBe('Xã B');
    expect(() => validateChange({ ...e, changes: JSON.stringify({ nope: 1 }) })).toThrow(/not replicated/);
    // Names an object has from its prototype are not columns either (a hostile bundle's "__proto__").
    for (const key of ['__proto__', 'constructor', 'toString'])
      expect(() => validateChange({ ...e, changes: `{"${key}":"x"}` })).toThrow(/not replicated/);
    // A malformed stamp, and a first write's merge that keeps the change's fields and stamp.
    expect(() => validateChange({ ...e, hlc: '1-2-3' })).toThrow(/malformed stamp/);
    const first = mergeRecord([entry(JSON.stringify({ code: 'B', name: 'Xã B', deletedAt: null }))]);
    expect(first).toMatchObject({ values: { code: 'B', name: 'Xã B' }, deletedAt: null, hlc: HLC, conflicts: [] });
    expect(first.heads).toEqual({ code: [HLC], name: [HLC] });
    expect(first.createdAt).toBe(new Date(1764554400000).toISOString());
  });

  it('checks fields given by a reader as it checks parsed ones', () => {
    const e = entry('{"code":"A"}');
    // A reader that wrote the text from these fields: the validator checks them, not a parse of the text.
    keepParsed(e, { code: 7 }, null);
    expect(() => validateChange(e)).toThrow(/wrong type/);
    const ok = entry('{"code":"A"}');
    keepParsed(ok, { code: 'A' }, { code: ['000000000000001-000000-node-0'] });
    expect(validateChange(ok)).toEqual({ code: 'A' });
    // A base is checked from what the reader gave too: a change naming its own stamp is refused.
    const self = entry('{"code":"A"}');
    keepParsed(self, { code: 'A' }, { code: [HLC] });
    expect(() => validateChange(self)).toThrow(/its own change/);
    // A log that holds such a change anyway (kept before the validator refused it) still merges.
    const kept = { ...entry('{"code":"A"}'), base: JSON.stringify({ code: HLC }) };
    expect(mergeRecord([kept])).toMatchObject({ values: { code: 'A' }, heads: { code: [HLC] }, conflicts: [] });
    // A later stamp in a base is legitimate: another process on this data directory imported it, and this
    // writer, whose clock never received it, overwrote that value knowingly. Its value stands.
    const later = '001764554500000-000000-peer';
    const imported = { ...entry('{"code":"B"}'), hlc: later, workstationId: 'peer' };
    const edit = { ...entry('{"code":"C"}'), base: JSON.stringify({ code: later }) };
    expect(validateChange(edit)).toEqual({ code: 'C' });
    expect(mergeRecord([imported, edit])).toMatchObject({
      values: { code: 'C' },
      heads: { code: [HLC] },
      conflicts: [],
    });
    // Two changes that overwrite each other (only a hostile peer writes that): the latest is the value, no throw.
    const ring = { ...imported, base: JSON.stringify({ code: HLC }) };
    expect(mergeRecord([ring, edit])).toMatchObject({ values: { code: 'B' }, conflicts: [] });
  });

  it('canonical ids and stamps equal the long way round', () => {
    for (const id of [ID, ID.toUpperCase(), 'not-a-uuid', 'ABC']) {
      expect(canonicalId(id)).toBe(recordIdOf(recordKey(id)));
      const key = recordKey(id);
      expect(idKey(id)).toBe(typeof key === 'string' ? key : key.toString('hex'));
    }
    // The ids read a character at a time give what the regular expression they replace gave, edge cases too.
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const odd = [
      ID.slice(0, 35) + 'F',
      ID.slice(0, 35) + 'g',
      ID.slice(0, 35) + 'G',
      ID.replace(/-/g, '_'),
      ID.slice(0, 8) + ID.slice(9) + '0',
      `${ID}0`,
      ID.slice(1),
      '0'.repeat(36),
      '-'.repeat(36),
      ID.slice(0, 12) + '-' + ID.slice(13),
      ID.slice(0, 10) + '/' + ID.slice(11),
      ID.slice(0, 10) + ':' + ID.slice(11),
      ID.slice(0, 10) + '@' + ID.slice(11),
      ID.slice(0, 10) + '`' + ID.slice(11),
    ];
    for (const id of odd) {
      const uuid = UUID.test(id);
      expect(recordKey(id)).toEqual(uuid ? Buffer.from(id.replace(/-/g, ''), 'hex') : id);
      expect(idKey(id)).toBe(uuid ? id.replace(/-/g, '').toLowerCase() : id);
      expect(canonicalId(id)).toBe(uuid ? id.toLowerCase() : id);
    }
    expect(canonicalHlc(HLC)).toBe(encodeHlc(decodeHlc(HLC)));
    for (const bad of ['', '1-2-3', `${HLC.slice(1)}`, '000000000000001-000000-'])
      expect(() => canonicalHlc(bad)).toThrow(/malformed/);
  });
});
