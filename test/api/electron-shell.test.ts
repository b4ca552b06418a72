import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HosoBridge } from '../../shared/contract/bridge';
import { isAllowedRequest } from '../../electron/main/request-policy';
import { electronRuntime, PROJECT_ROOT } from '../electron/electron-binary';
import { tempDir } from '../support/host';

const load = createRequire(import.meta.url);

describe('the request policy of every Electron session', () => {
  it("lets through only the app's own protocol (and DevTools' pages in a development run)", () => {
    for (const packaged of [true, false]) {
      expect(isAllowedRequest('app://hoso/index.html', packaged)).toBe(true);
      expect(isAllowedRequest('app://hoso/assets/index-3f2a.js', packaged)).toBe(true);
      expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=', packaged)).toBe(true);
      expect(isAllowedRequest('blob:app://hoso/7d0c4b1e-0000-4000-8000-000000000000', packaged)).toBe(true);
      for (const refused of [
        'https://example.org/',
        'http://127.0.0.1:8080/',
        'ws://localhost/',
        'file:///etc/passwd',
        'app://other/index.html',
        'app://hoso.example/index.html',
        'app://hoso@example/index.html',
        'blob:https://example.org/x',
        'chrome://gpu',
      ]) {
        expect(isAllowedRequest(refused, packaged), refused).toBe(false);
      }
    }
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', false)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', true)).toBe(false);
  });
});

describe('the fuses hook of the packaged app (build/fuses.cjs)', () => {
  const { getCurrentFuseWire, FuseV1Options } = load('@electron/fuses');
  // A fuse is one byte on the wire: ASCII '1' (on) or '0' (off).
  const FuseState = { ENABLE: 0x31, DISABLE: 0x30 };
  const flipHosoFuses = load('../../build/fuses.cjs');
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  // Electron 45's own defaults, in wire order: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
  // asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on, WASM trap handlers on.
  const electronDefaults = '101100011';

  /** A packed app as electron-builder leaves it for afterPack: the executable, app.asar, one unpacked module. */
  async function packWith(platform: 'linux' | 'win32') {
    const appOutDir = tempDir('hoso-fuses-');
    const outDir = tempDir('hoso-release-');
    const exe = path.join(appOutDir, platform === 'win32' ? 'HoSo.exe' : 'hoso');
    const wire = Buffer.concat([Buffer.from([1, electronDefaults.length]), Buffer.from(electronDefaults)]);
    fs.writeFileSync(exe, Buffer.concat([Buffer.alloc(64, 0xcc), Buffer.from(SENTINEL), wire, Buffer.alloc(64)]));
    const unpacked = path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'argon2');
    fs.mkdirSync(unpacked, { recursive: true });
    fs.writeFileSync(path.join(appOutDir, 'resources', 'app.asar'), 'asar archive');
    fs.writeFileSync(path.join(unpacked, 'argon2.node'), 'native module');
    await flipHosoFuses({
      appOutDir,
      outDir,
      arch: 1, // builder-util's Arch.x64
      electronPlatformName: platform,
      packager: { executableName: 'hoso', appInfo: { productFilename: 'HoSo', version: '0.1.0' } },
    });
    const fuses = (await getCurrentFuseWire(exe)) as Record<number, number>;
    return { fuses, exe, appOutDir, outDir };
  }

  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads the app only from its asar', async () => {
    const { fuses } = await packWith('linux');
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Electron checks embedded asar integrity on Windows and macOS only, and electron-builder embeds no hash on
    // Linux: the fuse stays off there (see build/fuses.cjs).
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE);
    // A fuse the hook does not name keeps Electron's default (the ninth, WASM trap handlers, stays on).
    expect(fuses[8]).toBe(FuseState.ENABLE);
  });

  it('turns on asar integrity validation for Windows, where electron-builder embeds the hash', async () => {
    const { fuses, outDir } = await packWith('win32');
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    // Windows checks the archive itself: no file list is written beside its installer.
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('on Linux, lists the packed files for sha256sum -c, which catches an edited app.asar or a fuse set back', async (ctx) => {
    if (spawnSync('sha256sum', ['--version']).error) return ctx.skip(true, 'sha256sum (coreutils) is not installed');
    const { exe, appOutDir, outDir } = await packWith('linux');
    const manifest = path.join(outDir, 'HoSo-0.1.0-linux-x64.sha256');
    const listed = fs
      .readFileSync(manifest, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.slice(66));
    expect(listed).toEqual([
      'hoso',
      'resources/app.asar',
      'resources/app.asar.unpacked/node_modules/argon2/argon2.node',
    ]);
    const check = () => spawnSync('sha256sum', ['--quiet', '-c', manifest], { cwd: appOutDir, encoding: 'utf8' });
    expect(check().status).toBe(0);

    // The attack Electron does not stop on Linux: code added to app.asar in the installed folder.
    const asar = path.join(appOutDir, 'resources', 'app.asar');
    const original = fs.readFileSync(asar);
    fs.appendFileSync(asar, ';require("child_process").exec("curl evil")');
    expect(check()).toMatchObject({ status: 1, stdout: expect.stringContaining('resources/app.asar: FAILED') });
    fs.writeFileSync(asar, original);

    // And RunAsNode turned back on in the executable's fuse wire.
    const binary = fs.readFileSync(exe);
    binary[binary.indexOf(SENTINEL) + SENTINEL.length + 2 + FuseV1Options.RunAsNode] = FuseState.ENABLE;
    fs.writeFileSync(exe, binary);
    expect(check()).toMatchObject({ status: 1, stdout: expect.stringContaining('hoso: FAILED') });
  });

  it('packs one asar with its integrity hash computed, unpacks only the native modules, and flips the fuses', () => {
    const config = load('../../build/electron-builder.config.cjs');
    expect(config.asar).toBe(true);
    // electron-builder computes the header hash that the Windows and macOS fuses check unless this is set.
    expect(config.disableAsarIntegrity).toBeUndefined();
    expect(config.asarUnpack).toEqual([
      '**/node_modules/better-sqlite3-multiple-ciphers/**',
      '**/node_modules/argon2/**',
    ]);
    expect(config.afterPack).toBe('./build/fuses.cjs');
    // The hook is the one place fuses are set: electron-builder's own electronFuses would flip them a second time.
    expect(config.electronFuses).toBeUndefined();
    // The Electron zip is verified against the electron package's own SHA-256 list, for every target built.
    const { version } = load('electron/package.json');
    for (const target of ['linux-x64', 'win32-x64']) {
      expect(config.electronDownload.checksums[`electron-v${version}-${target}.zip`]).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('finding the Electron runtime (test/electron/electron-binary.ts)', () => {
  // Since Electron 42, require('electron') downloads a missing binary on the spot; the lookup must not.
  it('reads node_modules/electron/path.txt or ELECTRON_OVERRIDE_DIST_PATH, and says why it cannot run', () => {
    const electronDir = path.dirname(load.resolve('electron/package.json'));
    const installed = fs.existsSync(path.join(electronDir, 'path.txt'));
    const none = electronRuntime({ DISPLAY: ':0' });
    if (!installed) {
      expect(none.binary).toBeNull();
      expect(none.skipReason).toMatch(/path\.txt is missing/);
      expect(fs.existsSync(path.join(electronDir, 'dist'))).toBe(false); // nothing was fetched
    }
    const dist = tempDir('hoso-electron-dist-');
    const exe = path.join(dist, 'electron'); // the name index.js uses when there is no path.txt
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    const found = electronRuntime({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0' });
    if (!installed) expect(found).toEqual({ binary: exe, skipReason: null });
    if (process.platform === 'linux') {
      const headless = electronRuntime({ ELECTRON_OVERRIDE_DIST_PATH: dist });
      expect(headless).toEqual({ binary: null, skipReason: expect.stringMatching(/no DISPLAY/) });
    }
  });
});

describe('the desktop app in a real Electron (Playwright _electron)', () => {
  const runtime = electronRuntime();
  if (runtime.skipReason) console.warn(`[electron] skipped: ${runtime.skipReason}`);

  it('opens the setup wizard in Vietnamese from app://, with window.hoso and no Node or network', async (ctx) => {
    if (!runtime.binary) return ctx.skip(true, runtime.skipReason ?? undefined);
    for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(fs.existsSync(path.join(PROJECT_ROOT, built)), `${built} (run npm run build)`).toBe(true);
    }
    const home = tempDir('hoso-electron-');
    const app = await _electron.launch({
      executablePath: runtime.binary,
      args: [PROJECT_ROOT],
      cwd: PROJECT_ROOT,
      // A fresh profile and data folder: the first start, as on a new workstation.
      env: {
        ...(process.env as Record<string, string>),
        XDG_CONFIG_HOME: home,
        APPDATA: home,
        HOSO_DATA_DIR: path.join(home, 'data'),
      },
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://hoso/index.html');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      const vi = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'renderer/src/i18n/vi.json'), 'utf8'));
      expect(vi.app.windowTitle).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
      await expect.poll(() => page.title()).toBe(vi.app.windowTitle);
      // The first start on a workstation without a vault is the setup wizard.
      await page.getByText(vi.setup.title).first().waitFor({ state: 'visible', timeout: 30_000 });

      const exposed = await page.evaluate(() => ({
        bridge: Object.keys((globalThis as unknown as { hoso: object }).hoso).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });

      const status = await page.evaluate(() =>
        (globalThis as unknown as { hoso: HosoBridge }).hoso.invoke('app.status', {}),
      );
      expect(status.ok && status.value.vaultExists).toBe(false);

      const network = await page.evaluate(() =>
        fetch('http://127.0.0.1:9/').then(
          () => 'reached',
          () => 'refused',
        ),
      );
      expect(network).toBe('refused');
    } finally {
      await app.close();
    }
  });
});
