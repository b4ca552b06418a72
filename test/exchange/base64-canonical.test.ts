import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Pieces, isBase64Of } from '../../electron/exchange/bundle';

/**
 * A photo's data URL travels as the blob of its bytes only when the receiver, writing the bytes in base64 again,
 * gives back the very same text. The writer checks that without encoding the megabyte again (`isBase64Of`); here
 * it must say exactly what the round trip says, for any text: canonical base64, text with stray letters, padding
 * in the wrong place, whitespace, URL-safe letters, non-zero bits in the last character.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const STRAY = [...'=-_ \n\t.é\u0000"\\'];
const roundTrip = (s: string) => Buffer.from(s, 'base64').toString('base64') === s;

describe('isBase64Of: whether a text is exactly the base64 of its bytes', () => {
  it('agrees with the round trip on canonical encodings and on each of them altered', () => {
    const altered = fc
      .tuple(
        fc.uint8Array({ maxLength: 40 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('replace', 'insert', 'delete'),
            fc.nat(),
            fc.constantFrom(...ALPHABET.slice(0, 8), ...STRAY),
          ),
          { maxLength: 3 },
        ),
      )
      .map(([bytes, edits]) => {
        let s = Buffer.from(bytes).toString('base64');
        for (const [op, at, c] of edits) {
          const i = s.length ? at % (s.length + 1) : 0;
          s =
            op === 'replace'
              ? s.slice(0, i) + c + s.slice(i + 1)
              : op === 'insert'
                ? s.slice(0, i) + c + s.slice(i)
                : s.slice(0, i) + s.slice(i + 1);
        }
        return s;
      });
    fc.assert(
      fc.property(altered, (s) => {
        expect(isBase64Of(s, Buffer.from(s, 'base64'))).toBe(roundTrip(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the round trip on any short text over the alphabet and stray characters', () => {
    const text = fc.array(fc.constantFrom(...ALPHABET, ...STRAY), { maxLength: 13 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(isBase64Of(s, Buffer.from(s, 'base64'))).toBe(roundTrip(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('says yes to a photo written by Node, and no to the same photo with a stray bit or the wrong bytes', () => {
    const photo = Buffer.from(Array.from({ length: 500 * 1024 + 2 }, (_, i) => (i * 7919) % 251));
    const b64 = photo.toString('base64');
    expect(b64.endsWith('==')).toBe(true);
    expect(isBase64Of(b64, photo)).toBe(true);
    // "…w==" and "…x==" decode to the same last byte; only one is how Node writes it.
    const last = b64.charAt(b64.length - 3);
    const stray = b64.slice(0, -3) + ALPHABET[ALPHABET.indexOf(last) ^ 1] + '==';
    expect(isBase64Of(stray, Buffer.from(stray, 'base64'))).toBe(false);
    expect(isBase64Of(b64, photo.subarray(1))).toBe(false);
  });
});

describe('base64Pieces: a blob written in base64 a piece at a time', () => {
  it('is exactly the base64 of the whole, at every length around the pieces and for large blobs', () => {
    const piece = 3 * 16 * 1024;
    for (const n of [0, 1, 2, 3, piece - 1, piece, piece + 1, piece + 2, 2 * piece, 2 * piece + 1, 500 * 1024]) {
      const data = Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + n) % 256));
      expect(base64Pieces(data)).toBe(data.toString('base64'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: piece - 4, maxLength: 3 * piece + 4 }), (bytes) => {
        const data = Buffer.from(bytes);
        expect(base64Pieces(data)).toBe(data.toString('base64'));
      }),
      { numRuns: 40 },
    );
  });
});
