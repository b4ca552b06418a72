// electron-builder: offline installers for Linux (AppImage, deb) and Windows (NSIS).
// `npm run dist` builds the bundles first; run it on the target OS (better-sqlite3 is compiled per platform).
// electron-builder rebuilds the native modules for Electron inside node_modules itself, so `npm run dist` ends
// with `npm rebuild better-sqlite3-multiple-ciphers` to give the CLI and the tests their Node build back (run it
// by hand if a dist build stops half-way).

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'vn.hoso.app',
  productName: 'HoSo',
  directories: { output: 'release', buildResources: 'build' },

  // Only the three bundles and the built renderer. Never the trial server (dist/electron/trial.cjs), the CLI,
  // tests, sources or source maps. Runtime node_modules (the native modules and electron-store, which the
  // bundles keep external) are added by electron-builder from package.json's dependencies.
  files: [
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/electron/host-worker.cjs',
    'dist/renderer/**',
    '!**/*.map',
  ],

  // One archive, checked at start-up where the platform supports it (fuses below). Native code cannot be
  // loaded from inside an asar, so only the two native modules are unpacked next to it.
  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3-multiple-ciphers/**', '**/node_modules/argon2/**'],

  // No update feed, no publishing: the app is installed from a file on isolated workstations and never
  // looks for updates. `publish: null` also keeps electron-builder from writing app-update.yml.
  publish: null,

  // Flips Electron's fuses in the packaged binary before it is signed (see build/fuses.cjs); on Linux it also
  // writes the packed app's sha256sum list beside the installers (build/install-manifest.cjs).
  afterPack: './build/fuses.cjs',

  // The Electron zip packed into the installers is checked against the SHA-256 list inside the electron npm
  // package (itself pinned by package-lock.json's integrity), the list `npm start` checks too, instead of a
  // SHASUMS256.txt fetched at build time. So a zip already in the Electron cache packs on a machine without network.
  electronDownload: { checksums: require('electron/checksums.json') },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'hoso',
    synopsis: 'Hồ sơ phòng, chống ma túy',
  },
  win: { target: ['nsis'] },
  nsis: {
    // An offline installer: the whole app is inside the .exe (no web installer that downloads the package).
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: true,
  },
};
