import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/contract/types';
import { errorMessages } from '../../shared/i18n/errors';
import { LOCK_FILE } from '../../electron/db/dir-lock';
import { CLI_ADMIN_PW, hoso, initVault } from '../support/cli';
import { ADMIN, err, makeHost, ok, setupVault, tempDir } from '../support/host';

/**
 * One program at a time on a data directory (electron/db/dir-lock.ts). The attack it closes: the `hoso` command run
 * while the app has the vault open. Each kept its own audit chain head in memory, so their appends clashed on the
 * sequence number (one call failed after the other had written), and either could write vault.json over the other.
 */
describe('the data directory lock', () => {
  it('refuses a second program while one has the data directory, and lets it in once that one closes', async () => {
    const dir = tempDir();
    expect(initVault(dir).code).toBe(0);
    const { host } = makeHost(dir);
    await ok(host, 'session.unlock', { username: 'quantri', password: CLI_ADMIN_PW });
    const before = (await ok(host, 'app.info', {})) as AppInfo;

    // The real `hoso` binary, as an officer would run it beside the open app: refused in words, exit status 1.
    const cli = hoso(
      dir,
      [
        '--user',
        'quantri',
        '--password-stdin',
        'unit',
        'add',
        '--code',
        'X1',
        '--name',
        'Xã 1',
        '--kind',
        'commune_police',
      ],
      `${CLI_ADMIN_PW}\n`,
    );
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain(errorMessages.vi.DATA_DIR_IN_USE);
    expect(`${cli.out}${cli.err}`).not.toMatch(/at \S+ \(|Error:/); // no stack trace
    // A second host in this process is refused the same way, before it reads or writes anything.
    const second = makeHost(dir).host;
    expect((await err(second, 'app.status', {})).code).toBe('DATA_DIR_IN_USE');
    expect((await err(second, 'session.unlock', { username: 'quantri', password: CLI_ADMIN_PW })).code).toBe(
      'DATA_DIR_IN_USE',
    );

    // Nothing changed, and the open program writes on from its own audit head (the clash failed this write).
    const after = (await ok(host, 'app.info', {})) as AppInfo;
    expect(after.counts.units).toBe(before.counts.units);
    expect(after.changeLogHead).toEqual(before.changeLogHead);
    await ok(host, 'units.create', { code: 'X2', name: 'Xã 2', kind: 'commune_police' });
    await host.close();

    // Once it closed, the other program gets in.
    await ok(second, 'session.unlock', { username: 'quantri', password: CLI_ADMIN_PW });
    await second.close();
    const info = hoso(dir, ['--json', '--user', 'quantri', '--password-stdin', 'info'], `${CLI_ADMIN_PW}\n`);
    expect(info.code).toBe(0);
    expect((JSON.parse(info.out) as AppInfo).counts.units).toBe((before.counts.units ?? 0) + 1);
  });

  it('is held while a session is open and given back when it locks: a command may run beside the unlock screen', async () => {
    const dir = path.join(tempDir(), 'moi'); // does not exist yet: the vault's creation makes it, then locks it
    const { host } = await setupVault(dir);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    expect(fs.statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    const command = makeHost(dir).host;
    expect((await err(command, 'session.unlock', ADMIN)).code).toBe('DATA_DIR_IN_USE');

    // The app locks (its unlock screen): the command gets in, and the app's unlock waits for it, refused in
    // words, not counted as a wrong password.
    await ok(host, 'session.lock', {});
    await ok(command, 'session.unlock', ADMIN);
    await ok(command, 'units.create', { code: 'X3', name: 'Xã 3', kind: 'commune_police' });
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('DATA_DIR_IN_USE');
    expect((await err(host, 'app.status', {})).code).toBe('DATA_DIR_IN_USE');
    await command.close();
    await ok(host, 'session.unlock', ADMIN);
    expect((await ok(host, 'units.list', {})).map((u) => u.code)).toContain('X3');
    await host.close();
  });

  it('is given back by the operating system when its holder is killed (kill -9 leaves no stale lock)', async () => {
    const { host, dataDir } = await setupVault();
    await host.close();
    // A separate process that takes the lock with the real code, says so, and waits to be killed.
    const script = path.join(tempDir(), 'holder.cjs');
    fs.writeFileSync(
      path.join(path.dirname(script), 'holder.ts'),
      `import { DataDirLock } from ${JSON.stringify(path.resolve('electron/db/dir-lock'))};
       new DataDirLock(process.argv[2]!).claim();
       process.stdout.write('held\\n');
       setInterval(() => undefined, 1000);`,
    );
    buildSync({
      entryPoints: [path.join(path.dirname(script), 'holder.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      external: ['better-sqlite3-multiple-ciphers'],
      nodePaths: [path.resolve('node_modules')],
      logLevel: 'silent',
    });
    const child = spawn(process.execPath, [script, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
      child.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    const { host: blocked } = makeHost(dataDir);
    expect((await err(blocked, 'session.unlock', ADMIN)).code).toBe('DATA_DIR_IN_USE');
    const gone = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    await ok(blocked, 'session.unlock', ADMIN);
    await blocked.close();
  });
});
