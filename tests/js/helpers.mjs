// Shared by the Node tests: where things are, and building bundles with the replyc binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const conformanceDir = path.join(root, 'tests', 'conformance');

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// The replyc binary: $REPLYC, else build/replyc of the source tree; null when there is none.
export function replycBinary() {
  const candidates = [process.env.REPLYC, path.join(root, 'build', 'replyc')].filter(Boolean);
  return candidates.find((file) => existsSync(file)) ?? null;
}

// Builds a bundle with replyc; returns its path.
export function build(binary, inputs, { today = '2026-06-01' } = {}) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'replyc-js-')), 'out.bundle.json');
  execFileSync(binary, ['build', ...inputs, '-o', out, '--today', today, '-q'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return out;
}

export function caseFiles() {
  const dir = path.join(conformanceDir, 'cases');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

// Bundles that other test suites wrote (the C++ tests write theirs to $REPLYC_BUNDLE_DIR).
export function writtenBundles() {
  const dir = process.env.REPLYC_BUNDLE_DIR;
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bundle.json'))
    .sort()
    .map((name) => path.join(dir, name));
}
