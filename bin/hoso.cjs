#!/usr/bin/env node
// The `hoso` command: runs the bundled CLI. Build it first with `npm run build:node` (npm install does).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'electron', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('hoso: not built yet; run `npm run build:node` in the project folder\n');
  process.exit(1);
}
require(bundle);
