// Runs Doyensec's electronegativity over electron/ and renderer/ (and package.json) with its offline checks,
// and fails on any finding above LOW that is not suppressed inline, and on any suppression without a reason.
//
// Suppress a finding at the end of the line it is reported on, with a reason after "--":
//   code(); // eng-disable CHECK_ID -- why this is safe here
//
// Two things keep it offline: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (which downloads Electron's release list)
// is excluded, and the tool's start-up fetch of translations is answered by a stub that refuses at once (so
// it prints "Could not retrieve updated translations", which is expected). Its
// command line cannot be used here anyway: it breaks against the newer `commander` hoisted by this project.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const SCANNED = ['electron', 'renderer', 'package.json'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAIL_ABOVE = 'LOW';
const require = createRequire(path.join(root, 'package.json'));
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));

/** Puts a `got` that never reaches the network where the tool will require it. */
function stubNetwork() {
  const gotPath = createRequire(path.join(toolDir, 'package.json')).resolve('got');
  const refuse = () => Promise.reject(new Error('network disabled for this check'));
  refuse.head = refuse;
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = refuse;
  require.cache[gotPath] = stub;
}

/** Copies what is scanned into a temporary folder, leaving out build output and dependencies. */
function stage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-electronegativity-'));
  const skip = new Set(['node_modules', 'dist']);
  for (const entry of SCANNED) {
    const src = path.join(root, entry);
    if (!fs.existsSync(src)) continue;
    fs.cpSync(src, path.join(dir, entry), { recursive: true, filter: (p) => !skip.has(path.basename(p)) });
  }
  return dir;
}

/**
 * The app sends its CSP as a header from electron/main/app-protocol.ts, built from a constant the tool cannot
 * follow, so it would report "no CSP". The real policy is written into the staged folder as the meta tag the
 * tool reads, and its CSP checks evaluate exactly what the app sends.
 */
async function stageHeaderCsp(dir) {
  const out = await build({
    entryPoints: [path.join(root, 'shared/security/csp.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  const source = out.outputFiles[0].text;
  const { CONTENT_SECURITY_POLICY } = await import(
    `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
  );
  const html = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n`;
  fs.writeFileSync(path.join(dir, 'app-protocol-csp-header.html'), html);
}

/** Every `eng-disable` in the scanned sources must say why: `eng-disable ID [ID...] -- reason`. */
function suppressionsWithoutReason(dir) {
  const bad = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?[jt]sx?|html?)$/.test(e.name)) {
        fs.readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/eng-disable/.test(line) && !/eng-disable\s+[\w ,]+?\s+--\s+\S/.test(line)) {
              bad.push(`${path.relative(dir, p)}:${i + 1}`);
            }
          });
      }
    }
  };
  walk(dir);
  return bad;
}

stubNetwork();
process.env.LANG = 'en-US';
const tool = require('@doyensec/electronegativity');
const run = tool.default ?? tool; // Babel's CommonJS output: the function itself
const { severity } = require(path.join(toolDir, 'dist', 'finder'));
const electronVersion = require('electron/package.json').version;

const input = stage();
try {
  await stageHeaderCsp(input);
  const result = await run(
    {
      input,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      severitySet: 'informational',
      confidenceSet: 'tentative',
    },
    false,
  );
  const failing = result.issues.filter((i) => i.severity.value > severity[FAIL_ABOVE].value);
  const shown = result.issues.filter((i) => i.severity.value > severity.INFORMATIONAL.value);
  for (const i of shown) {
    const mark = failing.includes(i) ? 'FAIL' : 'note';
    console.log(`${mark} ${i.severity.name} ${i.id} ${i.file}:${i.location.line}:${i.location.column}`);
  }
  const unexplained = suppressionsWithoutReason(input);
  for (const where of unexplained) console.log(`FAIL eng-disable without a reason (-- why) at ${where}`);
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  for (const e of parseErrors) console.log(`FAIL could not parse ${path.relative(input, e.file)}: ${e.message}`);
  const checks = result.globalChecks + result.atomicChecks;
  const infos = result.issues.length - shown.length;
  console.log(
    `electronegativity ${checks} checks over ${SCANNED.join(', ')} (Electron ${electronVersion}): ` +
      `${failing.length} above ${FAIL_ABOVE}, ${shown.length - failing.length} low, ${infos} informational.`,
  );
  process.exitCode = failing.length + unexplained.length + parseErrors.length > 0 ? 1 : 0;
} finally {
  fs.rmSync(input, { recursive: true, force: true });
}
