import { isUtf8 } from 'node:buffer';

/**
 * The bytes up to the last whole UTF-8 character of `b`: a character cut by the end of `b` (its lead byte and
 * fewer continuation bytes than the lead announces) is left out. Bytes that are not UTF-8 are left to the caller's
 * check.
 */
export function wholeCharacters(b: Uint8Array): number {
  const end = b.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const x = b[i]!;
    if ((x & 0xc0) === 0x80) continue;
    const length = x < 0xc0 ? 1 : x < 0xe0 ? 2 : x < 0xf0 ? 3 : 4;
    return i + length > end ? i : end;
  }
  return end;
}

/**
 * The lines of a text member read in pieces (the decrypted chunks of a bundle, cut wherever they fall). A piece
 * may end inside a character: a Vietnamese letter is two or three bytes in UTF-8. Those bytes wait for the next
 * piece and are never decoded alone: decoded alone they became U+FFFD, and a name arrived corrupted while every
 * hash still matched (the hashes are of the bytes). Bytes that are not UTF-8 are refused, as is a line longer than
 * `maxLineBytes` bytes (its newline not counted), wherever it ends.
 */
export class Utf8Lines {
  /** The bytes of a character the last piece cut, waiting for the rest of it. */
  private tail: Buffer | null = null;
  /** The text after the last newline, and its length in bytes. */
  private carry = '';
  private carryBytes = 0;

  constructor(
    private readonly maxLineBytes: number,
    /** The error to throw, by reason. */
    private readonly fail: (reason: 'not_utf8' | 'line_too_long' | 'no_newline') => Error,
  ) {}

  /** The lines this piece completes, in order. */
  push(piece: Buffer): string[] {
    const bytes = this.tail ? Buffer.concat([this.tail, piece]) : piece;
    const cut = wholeCharacters(bytes);
    // A copy: the piece's buffer may be reused by whoever gave it.
    this.tail = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : null;
    const whole = cut < bytes.length ? bytes.subarray(0, cut) : bytes;
    if (!isUtf8(whole)) throw this.fail('not_utf8');
    // Each line's length in bytes, from where its newlines are (one search per line, over bytes).
    let length = this.carryBytes;
    let from = 0;
    for (let nl = whole.indexOf(0x0a); nl >= 0; nl = whole.indexOf(0x0a, from)) {
      if (length + nl - from > this.maxLineBytes) throw this.fail('line_too_long');
      length = 0;
      from = nl + 1;
    }
    this.carryBytes = length + whole.length - from;
    if (this.carryBytes > this.maxLineBytes) throw this.fail('line_too_long');
    const lines = (this.carry + whole.toString('utf8')).split('\n');
    this.carry = lines.pop()!;
    return lines;
  }

  /** At the member's end: refused when text is left after the last newline, or a character was cut. */
  end(): void {
    if (this.carry || this.tail) throw this.fail(this.tail ? 'not_utf8' : 'no_newline');
  }
}
