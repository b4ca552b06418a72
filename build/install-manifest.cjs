// Linux builds get no asar integrity from Electron (see build/fuses.cjs): nothing in the executable says which
// app.asar it belongs with. What an administrator can still check, with nothing but coreutils on the workstation,
// is that the installed files are the ones that were built. This writes, beside the installers in release/, a
// `sha256sum -c` list of every file of the packed app: the executable with its fuses already flipped, app.asar,
// the unpacked native modules (which no platform's asar integrity covers), and Electron's own libraries.
//
//   cd /opt/HoSo && sha256sum --quiet -c /media/usb/hoso-0.1.0-linux-x64.sha256     (the .deb's files)
//   ./HoSo-0.1.0.AppImage --appimage-extract && cd squashfs-root && sha256sum --quiet -c ...   (the AppImage's)
// (The list is named after the Linux executable, `hoso`; the .deb installs the app into /opt/HoSo.)
//
// The list proves something only if it is kept where the workstation's users cannot change it (with the
// installer, on the administrator's media); a copy on the workstation would be rewritten along with the files.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Every regular file under `dir`, as sorted '/'-separated relative paths (symlinks are listed by their target). */
function filesUnder(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const stat = fs.statSync(path.join(dir, child));
      if (stat.isDirectory()) walk(child);
      else if (stat.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The list's file name: `<product>-<version>-linux-<arch>.sha256`. */
function manifestName(context) {
  const { appInfo } = context.packager;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  return `${appInfo.productFilename}-${appInfo.version}-linux-${arch}.sha256`;
}

/** Writes the list for the app packed in context.appOutDir into context.outDir; returns its path. */
function writeInstallManifest(context) {
  const lines = filesUnder(context.appOutDir).map((rel) => `${sha256(path.join(context.appOutDir, rel))}  ${rel}`);
  fs.mkdirSync(context.outDir, { recursive: true });
  const file = path.join(context.outDir, manifestName(context));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

module.exports = { writeInstallManifest, manifestName };
