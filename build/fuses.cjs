// afterPack hook: flips Electron's fuses in the packaged executable, after packing and before signing
// (electron-builder signs after afterPack, so the signature covers the flipped bytes). Fuses are bits in the
// binary itself: unlike command-line switches or code, nothing at run time can turn them back.
// On Linux, where Electron checks no asar integrity, it then writes the packed app's sha256sum list beside the
// installers (build/install-manifest.cjs), after the flip so that the list covers the flipped executable.
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
const { writeInstallManifest } = require('./install-manifest.cjs');

/** The executable electron-builder wrote into appOutDir, per platform. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'darwin') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  return path.join(appOutDir, packager.executableName);
}

module.exports = async function flipHosoFuses(context) {
  const platform = context.electronPlatformName;
  await flipFuses(executablePath(context), {
    version: FuseVersion.V1,
    // Off: with ELECTRON_RUN_AS_NODE the signed binary would run any script as plain Node, with none of
    // the app's protections: a ready-made way to read the data folder as the user.
    [FuseV1Options.RunAsNode]: false,
    // Off: NODE_OPTIONS could preload code (--require) or change the runtime of the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // Off: --inspect / --inspect-brk would open a debugger on the main process, where keys live while unlocked.
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // On, on every platform (Linux included): load the app only from resources/app.asar, never from a loose
    // resources/app folder dropped beside it (Electron otherwise tries app.asar, then app, then default_app.asar).
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // On for Windows and macOS: electron-builder embeds the SHA-256 of app.asar's header in the executable
    // (Windows: an INTEGRITY resource, covered by the Authenticode signature) or in Info.plist (macOS, covered by
    // the code signature), and Electron checks it, and each packed file's block hashes, when it reads the archive:
    // an edited app.asar stops the app. Off for Linux because nothing there would check it: Electron compiles the
    // check for macOS and Windows only (shell/common/asar/archive.cc, up to Electron 45 at least), and
    // electron-builder computes the hash on Linux but has nowhere to embed it; Electron's maintainers declined
    // Linux support (electron/electron#51582: Linux has no OS-enforced app signature to anchor the hash in). On
    // Linux the bit protects nothing today, and a later Electron that honoured it would need a hash that
    // electron-builder does not embed on Linux. Protection on Linux is the install location (see the README).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform === 'win32' || platform === 'darwin',
    // On: Chromium encrypts its cookie store with an OS-held key. The app keeps nothing in cookies; this
    // only closes a door.
    [FuseV1Options.EnableCookieEncryption]: true,
    // Off: file:// pages get no extra privileges; the app runs from app://, never file://.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
  if (platform === 'linux') writeInstallManifest(context);
};
