// `npm run bench -- NAME`: runs bench/NAME.bench.ts in its own process (clean memory figures)
// and checks that it ended with one JSON line `{"bench":"NAME",…}`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (NAME: ${available.join(', ')})`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, `${name}.bench.ts`), ...process.argv.slice(3)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  out += chunk.toString();
});
child.on('close', (code) => {
  const last = out.split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
  let ok = false;
  try {
    const parsed: unknown = JSON.parse(last);
    ok = typeof parsed === 'object' && parsed !== null && (parsed as { bench?: unknown }).bench === name;
  } catch {
    ok = false;
  }
  if (code === 0 && !ok) console.error(`bench ${name} did not end with a {"bench":"${name}",…} JSON line`);
  process.exit(code === 0 && ok ? 0 : 1);
});
