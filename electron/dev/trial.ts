import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { policyFromEnv } from '../vault/kdf-policy';
import { startLoopbackServer } from './loopback-server';
import { trialDataDir } from './trial-options';

/**
 * `npm run trial`: the real host and a real encrypted database behind the loopback transport, to try the
 * renderer in a browser on a development machine. Never part of the packaged app.
 *
 *   npm run trial -- --data-dir ./.hoso-trial [--port 5180]
 *   HOSO_DATA_DIR=./.hoso-trial npm run trial
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run trial -- [--data-dir DIR (or HOSO_DATA_DIR; default ./.hoso-trial)] [--port 0]');
    return;
  }
  const dataDir = trialDataDir(values['data-dir']);
  // The bundle lives in dist/electron/, the built renderer beside it in dist/renderer/.
  const rendererDir = path.resolve(__dirname, '../renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`No built renderer in ${rendererDir}. Run "npm run build" first.`);
    process.exitCode = 1;
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const server = await startLoopbackServer({
    dataDir,
    rendererDir,
    kdfPolicy: policyFromEnv(process.env),
    port: Number(values.port),
    idleTimer: true,
  });
  console.log(`HoSo trial — data in ${dataDir}`);
  console.log(`Open in a browser on this machine: ${server.url}`);
  console.log("The link carries this run's access token: keep it to yourself. Stop with Ctrl+C.");

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('The trial server could not start:', e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
