// Brings node_modules in line with package-lock.json: runs `npm ci` only when node_modules is
// missing or the lock file changed since the last install (a sha256 stamp inside node_modules),
// then checks that onnxruntime-web is the version the Maven build expects.
//
//   node scripts/npm-ci-if-needed.mjs [expected-onnxruntime-web-version]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const expected = process.argv[2];
const stamp = 'node_modules/.tandem-lock.sha256';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;

if (installed !== lockHash) {
  console.log(installed === null ? 'npm ci: node_modules missing or not installed by this build'
                                 : 'npm ci: package-lock.json changed');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // No dependency needs an install script; skipping them keeps the build offline-safe and quiet.
  const r = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`npm ci failed (exit ${r.status ?? r.signal ?? r.error})`);
    process.exit(1);
  }
  writeFileSync(stamp, lockHash + '\n');
} else {
  console.log('npm ci: node_modules is up to date with package-lock.json');
}

const version = JSON.parse(readFileSync('node_modules/onnxruntime-web/package.json', 'utf8')).version;
if (expected && version !== expected) {
  console.error(`onnxruntime-web: expected ${expected} (onnxruntime.version in the root pom.xml), found ${version} in package-lock.json`);
  process.exit(1);
}
