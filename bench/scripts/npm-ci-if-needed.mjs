// Brings node_modules in line with package-lock.json: runs `npm ci --ignore-scripts` only when
// node_modules is missing or the lock file changed since the last install (a sha256 stamp inside
// node_modules). Install scripts stay off: onnxruntime-node's would reach a host we cannot.
//
//   node scripts/npm-ci-if-needed.mjs
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const stamp = 'node_modules/.tandem-lock.sha256';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;

if (installed !== lockHash || !existsSync('node_modules/@huggingface/transformers/package.json')) {
  console.log('npm ci: node_modules missing, stale or not installed by this build');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`npm ci failed (exit ${r.status ?? r.signal ?? r.error})`);
    process.exit(1);
  }
  writeFileSync(stamp, lockHash + '\n');
}
