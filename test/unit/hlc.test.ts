import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HlcClock, isHlc } from '../../electron/changelog/hlc';

describe('hybrid logical clock', () => {
  it('issues strictly increasing stamps whatever the physical clock does (skew, steps back, stalls)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 300 }),
        (readings) => {
          let i = 0;
          const clock = new HlcClock('ws-a', () => readings[Math.min(i++, readings.length - 1)]!);
          let prev = '';
          for (let n = 0; n < readings.length; n++) {
            const s = clock.now();
            expect(s > prev).toBe(true);
            prev = s;
          }
        },
      ),
    );
  });

  it('orders local stamps after every remote stamp received', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            local: fc.integer({ min: 1_000_000, max: 2_000_000 }),
            remoteWall: fc.integer({ min: 0, max: 2_000_000 }),
            remoteCounter: fc.integer({ min: 0, max: 999_999 }),
            receive: fc.boolean(),
          }),
          { minLength: 1, maxLength: 200 },
        ),
        (steps) => {
          let now = 0;
          const clock = new HlcClock('ws-a', () => now);
          let highest = '';
          for (const st of steps) {
            now = st.local;
            if (st.receive) {
              const remote = encodeHlc({ wall: st.remoteWall, counter: st.remoteCounter, node: 'ws-b' });
              clock.receive(remote);
              if (remote > highest) highest = remote;
            }
            const s = clock.now();
            expect(s > highest).toBe(true);
            highest = s;
          }
        },
      ),
    );
  });

  it('refuses a remote stamp from a clock far in the future', () => {
    const clock = new HlcClock('ws-a', () => 1_000);
    expect(() => clock.receive(encodeHlc({ wall: 1_000 + 48 * 3600_000, counter: 0, node: 'ws-b' }))).toThrow();
  });

  it('encodes and decodes losslessly and sorts as it compares', () => {
    const a = encodeHlc({ wall: 5, counter: 10, node: 'x' });
    expect(decodeHlc(a)).toEqual({ wall: 5, counter: 10, node: 'x' });
    expect(encodeHlc({ wall: 5, counter: 9, node: 'z' }) < a).toBe(true);
    expect(() => decodeHlc('nonsense')).toThrow();
  });

  it('reads stamps as the regular expression it replaces did, for any text', () => {
    const HLC = /^(\d{15})-(\d{6})-(.+)$/;
    const reference = (t: string) => {
      const m = HLC.exec(t);
      return m ? { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! } : null;
    };
    const stamp = '000001733390000-000042-';
    const cases = [
      `${stamp}node`,
      `${stamp}n`,
      stamp,
      `${stamp}a\nb`,
      `${stamp}a\rb`,
      `${stamp}a\u2028`,
      `${stamp}a\u2029`,
      `${stamp}\t`,
      `${stamp.replace('-0000', '/0000')}x`,
      `${stamp.replace('1', '١')}x`,
      `${stamp.slice(1)}x`,
      `0${stamp}x`,
      `999999999999999-999999-${'z'.repeat(40)}`,
      `${stamp.replace('000042', '00004a')}x`,
      `${stamp.replace('000042-', '000042:')}x`,
    ];
    for (const t of cases) {
      const want = reference(t);
      expect(isHlc(t)).toBe(want !== null);
      if (want) expect(decodeHlc(t)).toEqual(want);
      else expect(() => decodeHlc(t)).toThrow(/malformed/);
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.nat(999_999_999), fc.nat(999_999), fc.string())
            .map(([w, c, n]) => `${String(w).padStart(15, '0')}-${String(c).padStart(6, '0')}-${n}`),
        ),
        (t) => {
          const want = reference(t);
          expect(isHlc(t)).toBe(want !== null);
          if (want) expect(decodeHlc(t)).toEqual(want);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
