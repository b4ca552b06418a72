import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/host';
import { CLI_LEADER_PW, CLI_ADMIN_PW, hoso, initVault } from '../support/cli';

const ADMIN_PW = CLI_ADMIN_PW;
/** The first leader, made by `init` with its own password (second stdin line): it approves reading roles. */
const LEADER_PW = CLI_LEADER_PW;

function init() {
  const dir = tempDir('hoso-cli-');
  const r = initVault(dir);
  expect(r.code).toBe(0);
  const key = /([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})/.exec(r.out)![1]!;
  return { dir, key, out: r.out };
}

const asAdmin = (dir: string, args: string[], extra = '') =>
  hoso(dir, ['--user', 'quantri', '--password-stdin', ...args], `${ADMIN_PW}\n${extra}`);
const asLeader = (dir: string, args: string[], extra = '') =>
  hoso(dir, ['--user', 'truongphong', '--password-stdin', ...args], `${LEADER_PW}\n${extra}`);
/** The setup leader approves the role an administrator gave `name` (separation of duties). */
function approve(dir: string, name: string) {
  const r = asLeader(dir, ['grant', 'approve', name]);
  expect(r.code, r.err).toBe(0);
}

describe('hoso command', () => {
  it('init creates the vault, prints the recovery key once, and refuses a second init', () => {
    const { dir, out } = init();
    expect(out).toContain('KHÓA KHÔI PHỤC');
    expect(fs.existsSync(path.join(dir, 'vault.json'))).toBe(true);
    const again = hoso(
      dir,
      ['--password-stdin', 'init', '--admin', 'khac', '--leader', 'lanhdao'],
      `${ADMIN_PW}\n${LEADER_PW}\n`,
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('VAULT_EXISTS');
  });

  it('adds and lists accounts, reading both passwords from stdin; JSON output parses', () => {
    const { dir } = init();
    const add = asAdmin(
      dir,
      ['user', 'add', 'dtv1', '--role', 'investigator', '--display-name', 'Trần Thị Điều', '--unit', 'PC04'],
      'mật khẩu điều tra viên\n',
    );
    expect(add.code).toBe(0);
    const list = asAdmin(dir, ['--json', 'user', 'list']);
    expect(list.code).toBe(0);
    const accounts = JSON.parse(list.out) as { username: string; role: string; unitName: string }[];
    expect(accounts.map((a) => [a.username, a.role, a.unitName])).toEqual([
      ['dtv1', 'investigator', 'Phòng PC04'],
      ['quantri', 'admin', 'Phòng PC04'],
      ['truongphong', 'leader', 'Phòng PC04'],
    ]);
    // The new account signs in, changes its own password (current, then new on stdin), then uses the new one.
    const pw = hoso(
      dir,
      ['--user', 'dtv1', '--password-stdin', 'user', 'passwd'],
      'mật khẩu điều tra viên\nmật khẩu mới của dtv\n',
    );
    expect(pw.code).toBe(0);
    expect(hoso(dir, ['--user', 'dtv1', '--password-stdin', 'info'], 'mật khẩu mới của dtv\n').code).toBe(0);
  });

  it('exits 1 with the stable code on a wrong password, 2 on usage errors', () => {
    const { dir } = init();
    const wrong = hoso(dir, ['--user', 'quantri', '--password-stdin', 'info'], 'sai mật khẩu\n');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/AUTH_FAILED: Tên tài khoản hoặc mật khẩu không đúng/);
    expect(wrong.err).not.toContain('sai mật khẩu');
    expect(hoso(dir, ['--bogus']).code).toBe(2);
    // Usage errors are said in the user's language: the program's own and commander's.
    expect(hoso(dir, ['--bogus']).err).toMatch(/^lỗi cú pháp: không có tuỳ chọn --bogus\n/);
    expect(hoso(dir, ['--bogus'], '', { HOSO_LANG: 'en' }).err).toMatch(/^error: unknown option '--bogus'/);
    const year = asAdmin(dir, ['report', 'kpi', '--year', '20x5']);
    expect([year.code, year.err]).toEqual([2, 'lỗi cú pháp: --year phải là một năm (YYYY)\n']);
    const yearEn = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'report', 'kpi', '--year', '20x5'],
      `${ADMIN_PW}\n`,
      {
        HOSO_LANG: 'en',
      },
    );
    expect(yearEn.err).toBe('usage error: --year must be a year (YYYY)\n');
    expect(hoso(dir, ['report', 'kpi', '--year']).err).toMatch(/^lỗi cú pháp: --year <yyyy> cần một giá trị\n/);
    expect(hoso(dir, ['--password-stdin', 'info'], `${ADMIN_PW}\n`).code).toBe(2); // no --user
    expect(hoso(dir, ['--user', 'quantri', '--password-stdin', 'info'], '').code).toBe(2); // no password line
    const bad = asAdmin(dir, ['user', 'add', 'X Y', '--role', 'king'], 'ngắn\n');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('INVALID_INPUT');
    const json = hoso(dir, ['--json', '--user', 'quantri', '--password-stdin', 'info'], 'sai\n');
    expect(JSON.parse(json.err).error.code).toBe('AUTH_FAILED');
  });

  it('info shows the workstation, schema and counts but no names', () => {
    const { dir } = init();
    const r = asAdmin(dir, ['--json', 'info']);
    const info = JSON.parse(r.out);
    expect(info.counts.accounts).toBe(2);
    expect(info.schemaVersion).toMatch(/^\d{4}_/);
    expect(r.out).not.toContain('Nguyễn');
  });

  it('backs up, restores, and the audit chain verifies for an auditor; list takes dd/mm/yyyy', () => {
    const { dir } = init();
    asAdmin(dir, ['user', 'add', 'kiemtoan', '--role', 'auditor'], 'mật khẩu kiểm toán\n');
    const out = path.join(tempDir(), 'sao-luu.hosobak');
    expect(asAdmin(dir, ['backup', '--out', out]).code).toBe(0);
    const restore = hoso(dir, ['--user', 'quantri', '--password-stdin', 'restore', out], `${ADMIN_PW}\n`);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('Đã khôi phục');
    expect(
      hoso(
        dir,
        ['--user', 'kiemtoan', '--password-stdin', 'user', 'passwd'],
        'mật khẩu kiểm toán\nmật khẩu kiểm toán mới\n',
      ).code,
    ).toBe(0);
    approve(dir, 'kiemtoan');
    const verify = hoso(dir, ['--user', 'kiemtoan', '--password-stdin', 'audit', 'verify'], 'mật khẩu kiểm toán mới\n');
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/Nhật ký toàn vẹn: \d+ mục/);
    const today = new Date();
    const ddmmyyyy = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
    const list = hoso(
      dir,
      ['--user', 'kiemtoan', '--password-stdin', '--json', 'audit', 'list', '--since', ddmmyyyy],
      'mật khẩu kiểm toán mới\n',
    );
    expect(JSON.parse(list.out).map((e: { action: string }) => e.action)).toContain('backup.restore');
    expect(
      hoso(
        dir,
        ['--user', 'kiemtoan', '--password-stdin', 'audit', 'list', '--since', '31/02/2026'],
        'mật khẩu kiểm toán mới\n',
      ).code,
    ).toBe(2);
  });

  it('recovers the administrator with the recovery key, and rekeys', () => {
    const { dir, key } = init();
    const rec = hoso(dir, ['--password-stdin', 'recover'], `${key}\nmật khẩu sau khôi phục\n`);
    expect(rec.code).toBe(0);
    const rekey = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'rekey'],
      'mật khẩu sau khôi phục\nmật khẩu sau khôi phục\n',
    );
    expect(rekey.code).toBe(0);
    expect(rekey.out).toContain('Đã đổi khóa dữ liệu');
    expect(hoso(dir, ['--user', 'quantri', '--password-stdin', 'info'], 'mật khẩu sau khôi phục\n').code).toBe(0);
    expect(
      hoso(dir, ['--password-stdin', 'recover'], 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH\nmật khẩu khác nữa\n').err,
    ).toContain('RECOVERY_FAILED');
  });

  it('speaks English when asked', () => {
    const { dir } = init();
    const r = hoso(dir, ['--user', 'quantri', '--password-stdin', 'info'], 'wrong password\n', { HOSO_LANG: 'en' });
    expect(r.err).toContain('Wrong account name or password');
  });
});

describe('hoso person and seed', () => {
  function leader() {
    const { dir } = init();
    asAdmin(dir, ['user', 'add', 'lanhdao', '--role', 'leader', '--unit', 'PC04'], 'mật khẩu lãnh đạo 1\n');
    hoso(
      dir,
      ['--user', 'lanhdao', '--password-stdin', 'user', 'passwd'],
      'mật khẩu lãnh đạo 1\nmật khẩu lãnh đạo 2\n',
    );
    approve(dir, 'lanhdao');
    return {
      dir,
      as: (args: string[], extra = '') =>
        hoso(dir, ['--user', 'lanhdao', '--password-stdin', ...args], `mật khẩu lãnh đạo 2\n${extra}`),
    };
  }

  it('adds from JSON on stdin, refuses bad input with the field code, finds without diacritics, shows and updates', () => {
    const { as } = leader();
    const bad = as(
      ['person', 'add'],
      JSON.stringify({ fullName: 'Hoàng Thị Mỵ', sex: 'female', birthDate: '1995-13-01' }),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('birthDate');
    expect(as(['person', 'add'], 'không phải JSON').code).toBe(2);
    // A key the schema does not know is named (a field name), a key that reads like typed text is not repeated.
    const unknown = as(
      ['person', 'add'],
      JSON.stringify({ fullName: 'Hoàng Thị Mỵ', sex: 'female', birthDate: '1995', curCommune: '02512', 'Mỵ 0912': 1 }),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('curCommune: Có trường không được chấp nhận. (unrecognized_keys)');
    expect(unknown.err).toContain('?: Có trường không được chấp nhận.');
    expect(unknown.err).not.toContain('0912');
    // A field left out is named as required; a field of the wrong type is named as such.
    const missing = as(['person', 'add'], JSON.stringify({ birthDate: '1995' }));
    expect(missing.err).toContain('fullName: Cần nhập trường này. (required)');
    // In the words the person form uses for the field.
    expect(missing.err).toContain('sex: Vui lòng chọn giới tính. (sex_invalid)');
    const wrong = as(['person', 'add'], JSON.stringify({ fullName: 7, sex: 'female', birthDate: '1995' }));
    expect(wrong.err).toContain('fullName: Giá trị không đúng kiểu');
    const add = as(
      ['--json', 'person', 'add'],
      JSON.stringify({ fullName: 'Hoàng Thị Mỵ', sex: 'female', birthDate: '1995', citizenId: '008195123456' }),
    );
    expect(add.code).toBe(0);
    const id = JSON.parse(add.out).person.id as string;
    const found = as(['person', 'find', 'HOANG', 'THI', 'MY']);
    expect(found.out).toContain('Hoàng Thị Mỵ');
    expect(found.out).toMatch(/^1 kết quả/);
    expect(as(['person', 'find', '--cccd', '008195']).out).toContain(id);
    expect(as(['person', 'update', id], JSON.stringify({ occupation: 'Lao động tự do' })).code).toBe(0);
    const show = as(['--json', 'person', 'show', id]);
    expect(JSON.parse(show.out).person.occupation).toBe('Lao động tự do');
    const dup = as(
      ['person', 'add'],
      JSON.stringify({ fullName: 'Người Khác', sex: 'female', birthDate: '1995', citizenId: '008195123456' }),
    );
    expect(dup.err + dup.out).toContain('DUPLICATE_CITIZEN_ID');
  });

  it('seeds deterministic synthetic people', () => {
    const a = leader();
    const b = leader();
    const seeded = a.as(['seed', '--persons', '300', '--seed', '5']);
    expect(seeded.code).toBe(0);
    // Progress to a pipe: a line per step, the last one the whole count (not figures run together by a \r).
    expect(seeded.err).not.toContain('\r');
    expect(seeded.err.trim().split('\n').at(-1)).toBe('300 / 300');
    expect(b.as(['seed', '--persons', '300', '--seed', '5']).code).toBe(0);
    const names = (x: ReturnType<typeof leader>) =>
      (
        JSON.parse(x.as(['--json', 'person', 'find', '--limit', '1000']).out).items as {
          fullName: string;
          birthDate: string;
          citizenId: string;
        }[]
      ).map((p) => `${p.fullName}|${p.birthDate}|${p.citizenId}`);
    const na = names(a);
    expect(na).toHaveLength(300);
    expect(na).toEqual(names(b));
    expect(na.some((n) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(n))).toBe(true);
    expect(a.as(['seed', '--persons', 'lots']).code).toBe(2);
  });
});

describe('hoso grant: separation of duties through the real binary (issue 9, item 6)', () => {
  it('attack: the admin adds a leader and signs in as it — refused until the setup leader runs grant approve', () => {
    const { dir } = init();
    expect(
      asAdmin(dir, ['user', 'add', 'gia.lanhdao', '--role', 'leader', '--unit', 'PC04'], 'mật khẩu tạm 12345\n').code,
    ).toBe(0);
    const asGia = (args: string[], extra = '') =>
      hoso(dir, ['--user', 'gia.lanhdao', '--password-stdin', ...args], `mật khẩu riêng 678\n${extra}`);
    expect(
      hoso(
        dir,
        ['--user', 'gia.lanhdao', '--password-stdin', 'user', 'passwd'],
        'mật khẩu tạm 12345\nmật khẩu riêng 678\n',
      ).code,
    ).toBe(0);
    const refused = asGia(['person', 'find', '--limit', '5']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('ROLE_PENDING_APPROVAL');
    expect(refused.err).toContain('chờ lãnh đạo duyệt');
    // Administrators cannot approve; the pending leader cannot approve itself.
    expect(asAdmin(dir, ['grant', 'approve', 'gia.lanhdao']).err).toContain('FORBIDDEN');
    expect(asGia(['grant', 'approve', 'gia.lanhdao']).err).toContain('ROLE_PENDING_APPROVAL');

    const list = asLeader(dir, ['--json', 'grant', 'list']);
    expect(list.code).toBe(0);
    const grants = JSON.parse(list.out) as {
      pending: { username: string; role: string; kind: string; requestedBy: string }[];
    };
    expect(grants.pending).toEqual([
      expect.objectContaining({ username: 'gia.lanhdao', role: 'leader', kind: 'create', requestedBy: 'quantri' }),
    ]);
    expect(asLeader(dir, ['grant', 'list']).out).toContain('gia.lanhdao');
    const ok = asLeader(dir, ['grant', 'approve', 'gia.lanhdao']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Đã duyệt: gia.lanhdao là lãnh đạo.');
    expect(asGia(['person', 'find', '--limit', '5']).code).toBe(0);
  });

  it('attack: the admin changes its own role — refused; promoting another is pending, and a rejection keeps the old role', () => {
    const { dir } = init();
    asAdmin(dir, ['user', 'add', 'dtv1', '--role', 'investigator', '--unit', 'PC04'], 'mật khẩu tạm 12345\n');
    hoso(dir, ['--user', 'dtv1', '--password-stdin', 'user', 'passwd'], 'mật khẩu tạm 12345\nmật khẩu dtv riêng\n');
    approve(dir, 'dtv1');
    const asDtv = (args: string[]) =>
      hoso(dir, ['--user', 'dtv1', '--password-stdin', ...args], 'mật khẩu dtv riêng\n');
    expect(asDtv(['person', 'find', '--limit', '1']).code).toBe(0);

    const own = asAdmin(dir, ['user', 'role', 'quantri', 'leader']);
    expect(own.code).toBe(1);
    expect(own.err).toContain('SELF_ROLE_CHANGE');
    expect(asAdmin(dir, ['grant', 'list']).err).toContain('FORBIDDEN');

    const promote = asAdmin(dir, ['user', 'role', 'dtv1', 'leader']);
    expect(promote.code).toBe(0);
    expect(promote.out).toContain('chờ lãnh đạo duyệt');
    const pending = asDtv(['person', 'find', '--limit', '1']);
    expect(pending.code).toBe(1);
    expect(pending.err).toContain('ROLE_PENDING_APPROVAL');

    const reject = asLeader(dir, ['grant', 'reject', 'dtv1']);
    expect(reject.code).toBe(0);
    expect(reject.out).toContain('giữ vai trò điều tra viên');
    expect(asDtv(['person', 'find', '--limit', '1']).code).toBe(0);
    const accounts = JSON.parse(asAdmin(dir, ['--json', 'user', 'list']).out) as { username: string; role: string }[];
    expect(accounts.find((a) => a.username === 'dtv1')!.role).toBe('investigator');
    const history = JSON.parse(asLeader(dir, ['--json', 'grant', 'list']).out) as {
      pending: unknown[];
      recent: { username: string; status: string }[];
    };
    expect(history.pending).toEqual([]);
    expect(history.recent.map((g) => `${g.username}:${g.status}`)).toEqual(['dtv1:rejected', 'dtv1:approved']);
  });
});

describe('hoso person find --query-stdin: names and CCCD numbers stay out of ps and shell history (issue 9, item 13)', () => {
  it('reads the name and the CCCD from standard input and refuses them as arguments alongside it', () => {
    const { dir } = init();
    const asLeaderFind = (args: string[], extra = '') => asLeader(dir, ['person', ...args], extra);
    const add = asLeaderFind(
      ['--json', 'add'],
      JSON.stringify({ fullName: 'Hoàng Thị Mỵ', sex: 'female', birthDate: '1995', citizenId: '008195123456' }),
    );
    expect(add.code, add.err).toBe(0);
    asLeaderFind(
      ['add'],
      JSON.stringify({ fullName: 'Hoàng Văn Nam', sex: 'male', birthDate: '1990', citizenId: '008090654321' }),
    );

    // The name on stdin (after the password line): the process's arguments hold no personal data.
    const byName = asLeaderFind(['find', '--query-stdin', '--limit', '10'], 'hoang thi my\n');
    expect(byName.code, byName.err).toBe(0);
    expect(byName.out).toMatch(/^1 kết quả/);
    expect(byName.out).toContain('Hoàng Thị Mỵ');
    // A CCCD line (with or without "cccd:"), alone or under a name.
    const byId = asLeaderFind(['--json', 'find', '--query-stdin'], 'cccd: 008090\n');
    expect((JSON.parse(byId.out) as { items: { fullName: string }[] }).items.map((p) => p.fullName)).toEqual([
      'Hoàng Văn Nam',
    ]);
    const both = asLeaderFind(['--json', 'find', '--query-stdin'], 'hoang\n008195\n');
    expect((JSON.parse(both.out) as { items: { fullName: string }[] }).items.map((p) => p.fullName)).toEqual([
      'Hoàng Thị Mỵ',
    ]);
    // Non-personal filters stay options and combine with the stdin query.
    const filtered = asLeaderFind(['--json', 'find', '--query-stdin', '--category', 'addict'], 'hoang\n');
    expect(filtered.code).toBe(0);
    expect((JSON.parse(filtered.out) as { items: unknown[] }).items).toEqual([]);

    // Mixing: a name or a CCCD as an argument next to --query-stdin is a usage error, as is an empty query.
    expect(asLeaderFind(['find', '--query-stdin', 'hoang'], 'thi my\n').code).toBe(2);
    expect(asLeaderFind(['find', '--query-stdin', '--cccd', '008195'], 'hoang\n').code).toBe(2);
    expect(asLeaderFind(['find', '--query-stdin'], '\n').code).toBe(2);
    expect(asLeaderFind(['find', '--query-stdin'], 'hoang\nnam\n').code).toBe(2);
    expect(asLeader(dir, ['person', 'find', '--help']).out).toContain('--query-stdin');
  });
});
