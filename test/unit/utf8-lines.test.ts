import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextMember } from '../../electron/exchange/utf8-lines';

const refuse = (reason: string) => new Error(reason);

/** The lines of `bytes` given to a reader in pieces cut at `cuts` (offsets, any order). */
function read(bytes: Buffer, cuts: number[], maxLine = 1_000_000): string[] {
  const r = new TextMember(bytes.length, maxLine, refuse);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const c of [...at, bytes.length]) {
    // A piece the caller reuses afterwards: the member keeps a copy.
    const piece = Buffer.from(bytes.subarray(from, c));
    r.push(piece);
    piece.fill(0x21);
    from = c;
  }
  const count = r.end();
  const out = [...r.lines()];
  expect(out).toHaveLength(count);
  return out;
}

describe('TextMember', () => {
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
    // The text after the last newline is measured too (its newline never comes).
    expect(() => read(Buffer.from('ab\ncdefg'), [5], 4)).toThrow('line_too_long');
    expect(() => read(Buffer.from('ab\ncd'), [5], 4)).toThrow('no_newline');
  });

  it('takes no more bytes than the member declared, and gives no line before its end was checked', () => {
    const r = new TextMember(3, 10, refuse);
    r.push(Buffer.from('ab'));
    expect(() => r.push(Buffer.from('\nx'))).toThrow('too_large');
    expect(() => [...new TextMember(0, 10, refuse).lines()]).toThrow(/before end/);
    const empty = new TextMember(0, 10, refuse);
    expect(empty.end()).toBe(0);
    expect([...empty.lines()]).toEqual([]);
  });
});
