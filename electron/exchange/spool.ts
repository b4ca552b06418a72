import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundleMember } from './bundle';

/**
 * Members of a bundle being written, kept between the writer's two passes (sizes and hashes first, because the
 * manifest comes first; then the bytes), so the second pass reads them back instead of querying the change log
 * again. They go to a temporary file, each encrypted (AES-256-GCM) under a key that exists only in this object:
 * records never touch the disk in the clear, and the file is unreadable once the process forgets the key. The
 * file is removed as soon as it is open where the system allows it (POSIX), else when the spool closes.
 */
export class MemberSpool {
  private readonly key = crypto.randomBytes(32);
  private readonly file: string;
  private fd: number | null;
  private unlinked = false;
  private size = 0;
  private readonly index: { name: string; entries: number; at: number; bytes: number; iv: Buffer; tag: Buffer }[] = [];

  constructor(dir = os.tmpdir()) {
    this.file = path.join(dir, `hoso-spool-${crypto.randomBytes(8).toString('hex')}.tmp`);
    this.fd = fs.openSync(this.file, 'wx+', 0o600);
    try {
      fs.unlinkSync(this.file);
      this.unlinked = true;
    } catch {
      // Windows keeps an open file's name: removed in close().
    }
  }

  add(m: BundleMember): void {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const a = cipher.update(m.data);
    const b = cipher.final();
    const at = this.size;
    for (const part of [a, b]) {
      let off = 0;
      while (off < part.length) off += fs.writeSync(this.fd!, part, off, part.length - off, this.size + off);
      this.size += part.length;
    }
    this.index.push({ name: m.name, entries: m.entries, at, bytes: m.data.length, iv, tag: cipher.getAuthTag() });
  }

  /** The members added, in order, decrypted and checked. */
  *members(): Generator<BundleMember> {
    for (const e of this.index) {
      const buf = Buffer.allocUnsafe(e.bytes);
      let off = 0;
      while (off < e.bytes) {
        const n = fs.readSync(this.fd!, buf, off, e.bytes - off, e.at + off);
        if (n === 0) throw new Error('the spool is shorter than written');
        off += n;
      }
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, e.iv);
      decipher.setAuthTag(e.tag);
      const data = Buffer.concat([decipher.update(buf), decipher.final()]);
      yield { name: e.name, data, entries: e.entries };
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    if (!this.unlinked) fs.rmSync(this.file, { force: true });
    this.unlinked = true;
    this.index.length = 0;
  }
}
