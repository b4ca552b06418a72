import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { AgeError, bufferSource, openAge, type AgeFailure } from '../../electron/exchange/age';

/**
 * The C2SP age test vectors (test/fixtures/age-cctv, copied from the team kit), each fed to the same reader bundles go through
 * (electron/exchange/age.ts), which must conclude what the file says: success with the payload's hash, or the
 * named failure. Armored vectors: the reader refuses armor outright (bundles are binary), so each armored vector
 * is also decoded with age-encryption's armor decoder and the binary it yields goes through the same reader.
 */
const DIR = path.resolve(__dirname, '../fixtures/age-cctv');

interface Vector {
  name: string;
  expect: string;
  payload?: string;
  identities: string[];
  passphrase?: string;
  armored: boolean;
  body: Buffer;
}

function loadVector(name: string): Vector {
  const raw = fs.readFileSync(path.join(DIR, name));
  const split = raw.indexOf('\n\n');
  const head = raw.subarray(0, split).toString('utf8');
  let body = raw.subarray(split + 2);
  const v: Vector = { name, expect: '', identities: [], armored: false, body };
  for (const line of head.split('\n')) {
    const i = line.indexOf(': ');
    const [k, val] = [line.slice(0, i), line.slice(i + 2)];
    if (k === 'expect') v.expect = val;
    else if (k === 'payload') v.payload = val;
    else if (k === 'identity') v.identities.push(val);
    else if (k === 'passphrase') v.passphrase = val;
    else if (k === 'armored') v.armored = val === 'yes';
    else if (k === 'compressed') body = zlib.inflateSync(body);
  }
  v.body = body;
  return v;
}

const VECTORS = fs
  .readdirSync(DIR)
  .filter((f) => !f.includes('.'))
  .sort()
  .map(loadVector);

const KIND: Record<AgeFailure, string> = {
  armor: 'armor failure',
  header: 'header failure',
  hmac: 'HMAC failure',
  no_match: 'no match',
  payload: 'payload failure',
};

async function conclude(bytes: Uint8Array, v: Vector): Promise<string> {
  try {
    const opened = await openAge(bufferSource(bytes), {
      identityStrings: v.identities,
      ...(v.passphrase !== undefined ? { passphrase: v.passphrase } : {}),
    });
    const h = crypto.createHash('sha256');
    for (const c of opened.chunks()) h.update(c);
    return `success ${h.digest('hex')}`;
  } catch (e) {
    if (e instanceof AgeError) return KIND[e.kind];
    throw e;
  }
}

describe('C2SP age vectors through the bundle reader', () => {
  it('has the vectors', () => {
    expect(VECTORS.length).toBeGreaterThan(140);
  });
  for (const v of VECTORS) {
    it(`${v.name}: ${v.expect}`, async () => {
      const want = v.expect === 'success' ? `success ${v.payload}` : v.expect;
      if (!v.armored) {
        expect(await conclude(v.body, v)).toBe(want);
        return;
      }
      // Armor is refused by the bundle reader whatever it holds.
      expect(await conclude(v.body, v)).toBe('armor failure');
      let binary: Uint8Array;
      try {
        binary = armor.decode(v.body.toString('latin1'));
      } catch {
        expect(v.expect).toBe('armor failure');
        return;
      }
      expect(await conclude(binary, v)).toBe(want);
    });
  }
});
