import { isUtf8 } from 'node:buffer';

export type TextRefusal = 'not_utf8' | 'line_too_long' | 'no_newline' | 'too_large';

/**
 * A text member of a bundle (a chunk of change lines, an audit member), gathered as its decrypted pieces arrive
 * (cut wherever they fall: a Vietnamese letter is two or three bytes in UTF-8 and may be cut between two pieces),
 * and read only once it has ended and its hash has been checked.
 *
 * The bytes are kept as bytes, outside the JS heap, until then: the member is checked as a whole (UTF-8 text, a
 * newline at its end, no line longer than `maxLineBytes` bytes), its lines counted, and each line decoded only when
 * the reader asks for it. A character cut between two pieces is therefore never decoded alone (decoded alone it
 * became U+FFFD, and a name arrived corrupted while every hash still matched: the hashes are of the bytes).
 *
 * Why not line by line as the pieces arrive: no line of a chunk is then parsed before its hash is known to be the
 * one the sender signed, and the text is decoded once, a line at a time, not a piece at a time and then split.
 */
export class TextMember {
  private readonly bytes: Buffer;
  private filled = 0;
  private count = -1;

  constructor(
    /** The member's size, as the manifest and the tar header both declare it. */
    size: number,
    private readonly maxLineBytes: number,
    /** The error to throw, by reason. */
    private readonly fail: (reason: TextRefusal) => Error,
  ) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  /** The next piece of the member's bytes (copied: the caller may reuse its buffer). */
  push(piece: Uint8Array): void {
    if (this.filled + piece.length > this.bytes.length) throw this.fail('too_large');
    this.bytes.set(piece, this.filled);
    this.filled += piece.length;
  }

  /**
   * At the member's end: refused when its bytes are not UTF-8 (a character cut at the end included), when text
   * follows the last newline, or when a line is longer than the limit. Returns the number of lines.
   */
  end(): number {
    const text = this.bytes.subarray(0, this.filled);
    if (!isUtf8(text)) throw this.fail('not_utf8');
    let count = 0;
    let from = 0;
    for (let nl = text.indexOf(0x0a); nl >= 0; nl = text.indexOf(0x0a, from)) {
      if (nl - from > this.maxLineBytes) throw this.fail('line_too_long');
      count++;
      from = nl + 1;
    }
    if (text.length - from > this.maxLineBytes) throw this.fail('line_too_long');
    if (from < text.length) throw this.fail('no_newline');
    this.count = count;
    return count;
  }

  /** The lines, in order, each decoded as it is asked for (only after `end` accepted the member). */
  *lines(): Generator<string> {
    if (this.count < 0) throw new Error('TextMember: lines() before end()');
    const text = this.bytes.subarray(0, this.filled);
    let from = 0;
    for (let nl = text.indexOf(0x0a); nl >= 0; nl = text.indexOf(0x0a, from)) {
      yield text.toString('utf8', from, nl);
      from = nl + 1;
    }
  }
}
