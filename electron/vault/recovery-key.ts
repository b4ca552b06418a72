import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 160 random bits as 32 base32 characters, shown in groups of four for writing down by hand. */
export function newRecoveryKey(): { normalized: string; display: string } {
  const bytes = crypto.randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return { normalized: out, display: out.match(/.{4}/g)!.join('-') };
}

export { normalizeRecoveryKey } from '../../shared/contract/fields';
