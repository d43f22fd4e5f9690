// `npm start` on a fresh clone: build once when dist/ is missing or older than the sources.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'index.js');
const sourceDirs = [
  'app',
  'config',
  'ops',
  'bots',
  'dialogs',
  'knowledge',
  'nlu',
  'adapters',
  'handoff',
  'ratings',
  'operators',
  'storage',
  'web',
  'scripts',
  'bench',
];

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
const sourcesAt = Math.max(
  statSync(join(root, 'index.ts')).mtimeMs,
  ...sourceDirs.map((d) => newestSource(join(root, d))),
);
if (builtAt < sourcesAt) {
  console.log('Building (first start or sources changed)...');
  execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
}
