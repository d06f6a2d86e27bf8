// `npm test`: type check, static checks, unit + integration tests (vitest), e2e (Playwright),
// then one closing line with the combined counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from './proc.js';

const ART = path.join(ROOT, 'e2e/artifacts');
mkdirSync(ART, { recursive: true });
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);

function step(title: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${title}`);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  console.log(`=== ${title}: ${res.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return res.status === 0;
}

const VitestJson = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numPendingTests: z.number().default(0) });
const PlaywrightJson = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
});

const checks: boolean[] = [];
checks.push(step('type check', 'npm', ['run', '--silent', 'typecheck']));
checks.push(step('electron usage check', process.execPath, ['--import', 'tsx', 'scripts/check-electron-usage.ts']));
checks.push(step('electron-builder config check', process.execPath, ['--import', 'tsx', 'scripts/check-builder-config.ts']));

const vitestOut = path.join(ART, 'vitest.json');
rmSync(vitestOut, { force: true });
checks.push(step('unit + integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestOut}`]));

const pwOut = path.join(ART, 'results.json');
rmSync(pwOut, { force: true });
checks.push(step('end-to-end tests (Playwright, Debian Chromium)', process.execPath, ['--import', 'tsx', 'scripts/e2e.ts']));

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestOut)) {
  const v = VitestJson.parse(JSON.parse(readFileSync(vitestOut, 'utf8')));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests;
} else failed += 1;
if (existsSync(pwOut)) {
  const p = PlaywrightJson.parse(JSON.parse(readFileSync(pwOut, 'utf8')));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
} else failed += 1;
// A failed check that is not a test (type check, static check) still fails the run.
const stepFailures = checks.filter((ok) => !ok).length;
if (stepFailures > 0 && failed === 0) failed = stepFailures;

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || stepFailures > 0 ? 1 : 0);
