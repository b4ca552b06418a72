import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryOf, entrySchema } from '../../electron/exchange/bundle';

/**
 * The reader checks each change line with `entryOf` (no copy of the line) instead of zod's `safeParse` (a copy of
 * every line). Both must decide alike for anything a hostile bundle may hold: lines written as JSON text, with
 * unknown or duplicate keys, `__proto__`, missing keys, wrong types, strings at and past their limits, and `blobs`
 * references of every shape.
 */
const KEYS = ['hlc', 'tableName', 'recordId', 'changes', 'base', 'workstationId', 'accountId', 'blobs'];
const HEX = '0123456789abcdef';

const nearLimit = fc.oneof(
  fc.constantFrom(0, 1, 63, 64, 65, 99, 100, 101).map((n) => 'a'.repeat(n)),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('ễ'.repeat(64), 'ễ'.repeat(65), '😀'.repeat(32), '😀'.repeat(33)),
);
const hex64 = fc.oneof(
  fc.array(fc.constantFrom(...HEX), { minLength: 64, maxLength: 64 }).map((a) => a.join('')),
  fc.constantFrom('A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), ''),
);
const mime = fc.constantFrom('image/jpeg', 'application/pdf', 'image/svg+xml', 'Image/jpeg', 'image', 'a/b c', '');
const ref = fc.oneof(
  fc.record({ sha256: hex64, mime }),
  fc.record({ sha256: hex64, mime, extra: fc.constant(1) }),
  fc.record({ sha256: hex64 }),
  fc.constantFrom(null, 'x', [], 7),
);
const blobs = fc.oneof(
  fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a'.repeat(64), 'a'.repeat(65))), ref, {
    maxKeys: 3,
  }),
  fc.constantFrom(null, [], 'x', 1),
);
const value = fc.oneof(nearLimit, fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));

/** A line as JSON text: key-value pairs in any order, some keys repeated or unknown. */
const line = fc
  .tuple(
    fc.subarray(KEYS),
    fc.array(fc.tuple(fc.constantFrom(...KEYS, 'x', '__proto__', 'constructor'), value), { maxLength: 2 }),
    value,
    blobs,
    fc.boolean(),
  )
  .map(([present, extra, v, b, valid]) => {
    const good: Record<string, unknown> = {
      hlc: '001764748800000-000000-node',
      tableName: 'persons',
      recordId: 'r',
      changes: '{}',
      base: null,
      workstationId: null,
      accountId: 'acc',
    };
    const pairs: [string, unknown][] = present.map((k) => [k, k === 'blobs' ? b : valid && k in good ? good[k] : v]);
    return `{${[...pairs, ...extra].map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(',')}}`;
  });

describe('entryOf: a change line checked without a copy', () => {
  it('decides as the zod schema does, for lines of every shape', () => {
    let accepted = 0;
    fc.assert(
      fc.property(line, (text) => {
        const raw: unknown = JSON.parse(text);
        const ours = entryOf(raw);
        const zod = entrySchema.safeParse(raw);
        expect(ours !== null).toBe(zod.success);
        if (ours) {
          accepted++;
          // The same object, and what zod made of it.
          expect(ours).toBe(raw);
          expect({ ...ours }).toEqual(zod.data);
        }
      }),
      { numRuns: 20_000 },
    );
    // The generator reaches accepted lines too, not refusals only.
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuses what a hostile line may hold', () => {
    const ok = {
      hlc: 'h',
      tableName: 'persons',
      recordId: 'r',
      changes: '{}',
      base: null,
      workstationId: null,
      accountId: null,
    };
    expect(entryOf(ok)).toBe(ok);
    expect(entryOf(JSON.parse(`${JSON.stringify(ok).slice(0, -1)},"__proto__":{}}`))).toBeNull();
    expect(entryOf({ ...ok, blobs: { photo: { sha256: 'a'.repeat(64), mime: 'image/jpeg' } } })).not.toBeNull();
    expect(entryOf({ ...ok, blobs: { photo: { sha256: 'a'.repeat(64), mime: '../x' } } })).toBeNull();
    expect(entryOf({ ...ok, recordId: 'r'.repeat(65) })).toBeNull();
    expect(entryOf({ ...ok, accountId: undefined })).toBeNull();
    expect(entryOf([ok])).toBeNull();
    expect(entryOf(null)).toBeNull();
  });
});
