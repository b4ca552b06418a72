// afterPack hook: flips Electron's fuses in the packaged executable, after packing and before signing
// (electron-builder signs after afterPack, so the signature covers the flipped bytes). Fuses are bits in the
// binary itself: unlike command-line switches or code, nothing at run time can turn them back.
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

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
    // On: load the app only from resources/app.asar, never from a loose resources/app folder dropped beside it.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // On where Electron checks it (Windows and macOS; Linux has no embedded integrity yet): the asar's header
    // hash is embedded in the executable at build time, so an edited app.asar refuses to start.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform === 'win32' || platform === 'darwin',
    // On: Chromium encrypts its cookie store with an OS-held key. The app keeps nothing in cookies; this
    // only closes a door.
    [FuseV1Options.EnableCookieEncryption]: true,
    // Off: file:// pages get no extra privileges; the app runs from app://, never file://.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
};
