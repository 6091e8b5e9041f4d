#!/usr/bin/env node
// Adds lock entries for platform-specific optional packages that the registry mirror on our machines does not
// serve (it 404s e.g. @rollup/rollup-darwin-arm64). npm then writes a package-lock.json without them, and
// `npm ci` rejects its own lock file as out of sync (npm/cli#9846, #4828). Each added entry carries the os, cpu
// and libc that its name states, so that npm skips it on this platform exactly as it would with a full lock file.
// Run after any `npm install` that changes package-lock.json:  node scripts/completeLockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'netbsd', 'sunos', 'aix'];
const CPU = [['arm64', 'arm64'], ['x64', 'x64'], ['ia32', 'ia32'], ['arm', 'arm'], ['loong64', 'loong64'],
  ['ppc64', 'ppc64'], ['riscv64', 'riscv64'], ['s390x', 's390x']];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find(([token]) => parts.includes(token))?.[1];
  if (!os || !cpu) return undefined;
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.some((p) => p.startsWith('gnu')) && os === 'linux' ? 'glibc' : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
const unknown = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const prefix = key === '' ? '' : `${key}/`;
    if (packages[`${prefix}node_modules/${dep}`] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) {
      unknown.push(dep);
      continue;
    }
    packages[`node_modules/${dep}`] = {
      version,
      ...platform,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`completeLockfile: added ${added} platform entries${unknown.length ? `; no platform in the name of: ${unknown.join(', ')}` : ''}`);
