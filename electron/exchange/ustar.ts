/**
 * A small, strict ustar (POSIX.1-1988) writer and streaming reader for bundle payloads. No library: the
 * well-known tar packages accept far more than a bundle may hold (links, long-name extensions, pax headers,
 * absolute paths) and would need as much code to forbid it as this takes to write. The reader accepts only
 * regular files with names from an allow-list, in a strict header layout with a valid checksum, with zero
 * padding, no duplicates, bounded sizes and counts, and nothing after the two zero blocks that end the archive.
 */
const BLOCK = 512;

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

/** The only member names a bundle may hold. */
export const MEMBER_NAME = /^(manifest\.json|manifest\.sig|(changes|audit)\/[0-9]{6}\.jsonl|blobs\/[0-9a-f]{64})$/;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** One member's 512-byte header. */
export function tarHeader(name: string, size: number): Buffer {
  if (!MEMBER_NAME.test(name)) throw new TarError('member name not allowed');
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 'ascii');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

export const TAR_END = Buffer.alloc(2 * BLOCK);

export interface TarLimits {
  maxMembers: number;
  maxMemberBytes: number;
}

export interface TarSink {
  entry(name: string, size: number): void;
  data(chunk: Buffer): void;
  /** The member's last byte has been passed to `data`. */
  endEntry(): void;
}

function field(h: Buffer, off: number, len: number): string {
  return h.subarray(off, off + len).toString('latin1');
}

function strictOctal(s: string, digits: number): number {
  // Exactly `digits` octal digits followed by NUL (or by NUL and space for the checksum).
  if (!new RegExp(`^[0-7]{${digits}}\\0$`).test(s)) throw new TarError('malformed numeric field');
  return parseInt(s.slice(0, digits), 8);
}

/** A push parser: feed it the plaintext as it is decrypted, then call `end()`. */
export class TarReader {
  private buf: Buffer = Buffer.alloc(0);
  private state: 'header' | 'data' | 'pad' | 'end' | 'done' = 'header';
  private remaining = 0;
  private padding = 0;
  private readonly names = new Set<string>();

  constructor(
    private readonly sink: TarSink,
    private readonly limits: TarLimits,
  ) {}

  feed(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      if (this.state === 'data') {
        if (!this.buf.length) return;
        const n = Math.min(this.remaining, this.buf.length);
        this.sink.data(this.buf.subarray(0, n));
        this.buf = this.buf.subarray(n);
        this.remaining -= n;
        if (this.remaining === 0) {
          this.sink.endEntry();
          this.state = 'pad';
        }
        continue;
      }
      if (this.state === 'pad') {
        if (this.buf.length < this.padding) return;
        if (this.buf.subarray(0, this.padding).some((b) => b !== 0)) throw new TarError('non-zero padding');
        this.buf = this.buf.subarray(this.padding);
        this.state = 'header';
        continue;
      }
      if (this.state === 'done') {
        if (this.buf.length) throw new TarError('data after the end of the archive');
        return;
      }
      if (this.buf.length < BLOCK) return;
      const h = this.buf.subarray(0, BLOCK);
      this.buf = this.buf.subarray(BLOCK);
      if (this.state === 'end') {
        if (h.some((b) => b !== 0)) throw new TarError('malformed end of archive');
        this.state = 'done';
        continue;
      }
      if (h.every((b) => b === 0)) {
        this.state = 'end';
        continue;
      }
      this.header(h);
    }
  }

  private header(h: Buffer) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    const chk = field(h, 148, 8);
    if (!/^[0-7]{6}\0 $/.test(chk) || parseInt(chk.slice(0, 6), 8) !== sum) throw new TarError('bad header checksum');
    if (field(h, 257, 8) !== 'ustar\u000000') throw new TarError('not a ustar header');
    if (field(h, 156, 1) !== '0') throw new TarError('only regular files are allowed');
    if (h.subarray(157, 257).some((b) => b !== 0)) throw new TarError('links are not allowed');
    if (h.subarray(345, 500).some((b) => b !== 0)) throw new TarError('name prefixes are not allowed');
    const rawName = field(h, 0, 100);
    const nul = rawName.indexOf('\0');
    const name = nul < 0 ? rawName : rawName.slice(0, nul);
    if (nul >= 0 && /[^\0]/.test(rawName.slice(nul))) throw new TarError('malformed name');
    if (!MEMBER_NAME.test(name)) throw new TarError('member name not allowed');
    if (this.names.has(name)) throw new TarError('duplicate member');
    if (this.names.size >= this.limits.maxMembers) throw new TarError('too many members');
    const size = strictOctal(field(h, 124, 12), 11);
    if (size > this.limits.maxMemberBytes) throw new TarError('member too large');
    this.names.add(name);
    this.sink.entry(name, size);
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) {
      this.sink.endEntry();
      this.state = 'pad';
    } else {
      this.state = 'data';
    }
  }

  /** The input has ended: it must have ended exactly after the two zero blocks. */
  end(): void {
    if (this.state !== 'done' || this.buf.length) throw new TarError('archive truncated');
  }
}
