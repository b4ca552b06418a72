import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Lines, wholeCharacters } from '../../electron/exchange/utf8-lines';

const refuse = (reason: string) => new Error(reason);

/** The lines of `bytes` given to a reader in pieces cut at `cuts` (offsets, any order). */
function read(bytes: Buffer, cuts: number[], maxLine = 1_000_000): string[] {
  const r = new Utf8Lines(maxLine, refuse);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(...r.push(bytes.subarray(from, c)));
    from = c;
  }
  r.end();
  return out;
}

describe('Utf8Lines', () => {
  it('gives the same lines wherever the pieces are cut, inside letters too', () => {
    const char = fc.constantFrom('a', ' ', '"', 'ễ', 'Đ', 'ư', '李', '😀', '\u0301', 'ß');
    const line = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (ls, cuts) => {
        const bytes = Buffer.from(`${ls.join('\n')}\n`);
        expect(read(bytes, cuts)).toEqual(ls);
      }),
      { numRuns: 3000 },
    );
    // Every cut of a four-byte, a three-byte and a two-byte character, one byte at a time.
    const text = Buffer.from('😀ễĐ\n');
    for (let c = 0; c <= text.length; c++) expect(read(text, [c])).toEqual(['😀ễĐ']);
    expect(read(text, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual(['😀ễĐ']);
  });

  it('refuses bytes that are not UTF-8, a character cut at the end, text after the last newline', () => {
    const bad: number[][] = [
      [0x61, 0xbb, 0x0a], // a lone continuation byte
      [0xc0, 0xaf, 0x0a], // an overlong "/"
      [0xed, 0xa0, 0x80, 0x0a], // a surrogate half
      [0xf4, 0x90, 0x80, 0x80, 0x0a], // above U+10FFFF
      [0xff, 0x0a],
      [0xe1, 0xbb, 0x61, 0x0a], // a three-byte letter cut short
    ];
    for (const b of bad) {
      for (let c = 0; c <= b.length; c++) expect(() => read(Buffer.from(b), [c])).toThrow('not_utf8');
    }
    // The member ends inside a letter (its last piece cut it): refused, not decoded as U+FFFD.
    expect(() => read(Buffer.from([0x61, 0x0a, 0xe1, 0xbb]), [])).toThrow('not_utf8');
    expect(() => read(Buffer.from('a\nb'), [])).toThrow('no_newline');
  });

  it('refuses a line longer than the limit in bytes, a whole one or one still open, wherever the pieces are cut', () => {
    // "ễễ" is 6 bytes: at most 6 goes in, 5 is refused, whether the line ends in the piece or not.
    for (let c = 0; c <= 7; c++) {
      expect(read(Buffer.from('ễễ\nab\n'), [c], 6)).toEqual(['ễễ', 'ab']);
      expect(() => read(Buffer.from('ễễ\nab\n'), [c], 5)).toThrow('line_too_long');
      expect(() => read(Buffer.from('ab\nễễ\n'), [c], 5)).toThrow('line_too_long');
    }
    // A line still open at the end of a piece is measured too (its newline never comes).
    const r = new Utf8Lines(4, refuse);
    expect(r.push(Buffer.from('ab\ncd'))).toEqual(['ab']);
    expect(() => r.push(Buffer.from('efg'))).toThrow('line_too_long');
  });

  it('finds where the last whole character ends', () => {
    expect(wholeCharacters(Buffer.from(''))).toBe(0);
    expect(wholeCharacters(Buffer.from('ab'))).toBe(2);
    const e = Buffer.from('aễ'); // 61 E1 BB 85
    expect(wholeCharacters(e)).toBe(4);
    expect(wholeCharacters(e.subarray(0, 3))).toBe(1);
    expect(wholeCharacters(e.subarray(0, 2))).toBe(1);
    const smile = Buffer.from('😀'); // F0 9F 98 80
    expect(wholeCharacters(smile.subarray(0, 3))).toBe(0);
    expect(wholeCharacters(smile)).toBe(4);
  });
});
