import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ADMIN_PW, CLI_LEADER_PW, hoso, initVault } from '../support/cli';
import { tempDir } from '../support/host';

/**
 * `hoso station card --facility ID`: the police's card written for a rehab centre names the centre's facility
 * (the centre's new station takes it from there); a facility that does not exist is refused naming the field; a
 * card is never written over a file that exists.
 */
describe('hoso station card --facility', () => {
  it('writes a card naming the facility, and refuses an unknown one in words', () => {
    const dir = tempDir('hoso-cli-card-facility-');
    const init = initVault(dir);
    expect(init.code, init.err).toBe(0);
    const added = hoso(
      dir,
      ['--user', 'truongphong', '--password-stdin', '--json', 'facility', 'add'],
      `${CLI_LEADER_PW}\n${JSON.stringify({ code: 'CS1', name: 'Cơ sở cai nghiện số 1', kind: 'public_compulsory', provinceCode: '08', capacity: 50 })}`,
    );
    expect(added.code, added.err).toBe(0);
    const facility = JSON.parse(added.out) as { id: string };
    const out = tempDir('hoso-cli-card-out-');
    const card = (facilityId: string) =>
      hoso(
        dir,
        ['--user', 'quantri', '--password-stdin', '--json', 'station', 'card', '--out', out, '--facility', facilityId],
        `${CLI_ADMIN_PW}\n`,
      );
    const written = card(facility.id);
    expect(written.code, written.err).toBe(0);
    const file = (JSON.parse(written.out) as { file: string }).file;
    expect(path.basename(file)).toBe('hoso-station-PC04.CS1.card.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).facility).toEqual({
      id: facility.id,
      code: 'CS1',
      name: 'Cơ sở cai nghiện số 1',
    });
    const unknown = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'station', 'card', '--out', out, '--facility', randomUUID()],
      `${CLI_ADMIN_PW}\n`,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('facilityId: Không tìm thấy cơ sở. (facility_not_found)');
    expect(fs.readdirSync(out)).toEqual(['hoso-station-PC04.CS1.card.json']);

    // The same card again into the folder, or onto a file that exists: refused in words, the file left as it was.
    const before = fs.readFileSync(file, 'utf8');
    const again = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'station', 'card', '--out', out, '--facility', facility.id],
      `${CLI_ADMIN_PW}
`,
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${file} đã có, không ghi đè`);
    expect(again.err).not.toContain('INTERNAL');
    const onto = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'station', 'card', '--out', file],
      `${CLI_ADMIN_PW}
`,
    );
    expect(onto.code).toBe(2);
    expect(onto.err).toContain('đã có, không ghi đè');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.readdirSync(out)).toEqual(['hoso-station-PC04.CS1.card.json']);
  });
});
