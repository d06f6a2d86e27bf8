// `npm run test:e2e -- [playwright args]`: builds the renderer when stale, then runs Playwright.
// Every service a test needs is started and stopped by the test fixtures themselves.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildRenderer, rendererIsStale } from './build.js';
import { ROOT } from './proc.js';

if (rendererIsStale()) await buildRenderer();
const cli = path.join(ROOT, 'node_modules/@playwright/test/cli.js');
const res = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(res.status ?? 1);
