// Brings a module's node_modules in line with its package-lock.json: runs `npm ci` only when
// node_modules is missing or the lock file changed since the last install (a sha256 stamp inside
// node_modules), then checks the packages the Maven build relies on.
//
//   node ../scripts/npm-ci-if-needed.mjs [--expect name[@version]] ...
//
// Run in the module's folder (web/, bench/). Install scripts stay off: no dependency we use needs
// one, and some (onnxruntime-node's) would reach a host this build cannot.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const expectations = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--expect' && i + 1 < process.argv.length) {
    expectations.push(process.argv[++i]);
  } else {
    console.error(`npm-ci-if-needed: unknown argument '${process.argv[i]}' (use --expect name[@version])`);
    process.exit(2);
  }
}

const stamp = 'node_modules/.tandem-lock.sha256';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;

if (installed !== lockHash) {
  console.log(installed === null ? 'npm ci: node_modules missing or not installed by this build'
                                 : 'npm ci: package-lock.json changed');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
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

for (const expectation of expectations) {
  // A scoped name starts with '@': the version separator is the last '@' after the first char.
  const at = expectation.lastIndexOf('@');
  const name = at > 0 ? expectation.slice(0, at) : expectation;
  const wanted = at > 0 ? expectation.slice(at + 1) : null;
  const manifest = `node_modules/${name}/package.json`;
  if (!existsSync(manifest)) {
    console.error(`${name}: not installed; is it in package.json?`);
    process.exit(1);
  }
  const version = JSON.parse(readFileSync(manifest, 'utf8')).version;
  if (wanted && version !== wanted) {
    console.error(`${name}: expected ${wanted} (set in the root pom.xml), found ${version} in package-lock.json`);
    process.exit(1);
  }
}
