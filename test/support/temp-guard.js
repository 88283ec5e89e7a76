/**
 * globalSetup / globalTeardown of `npm test` and `npm run test:unit`: the run gets its own temp folder
 * (TMPDIR, which os.tmpdir() and every child process read), and the run fails when a test left
 * anything in it. Tests take scratch folders from test/support/temp-dir.ts (removed after each file) or
 * remove their own in afterAll.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const KEY = 'HOSPITAL_PLATFORM_TEST_TMPDIR';
const PREVIOUS = 'HOSPITAL_PLATFORM_TEST_TMPDIR_PREVIOUS';

/** Caches that tools keep across runs by design (tsx's compile cache of child processes): not a test's leftovers. */
const TOOL_CACHES = [/^tsx-\d+$/];

async function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hospital-platform-tests-'));
  process.env[PREVIOUS] = process.env.TMPDIR ?? '';
  process.env[KEY] = root;
  process.env.TMPDIR = root;
}

async function teardown() {
  const root = process.env[KEY];
  if (!root) return;
  const previous = process.env[PREVIOUS];
  if (previous) process.env.TMPDIR = previous;
  else delete process.env.TMPDIR;
  let left = [];
  try {
    left = fs.readdirSync(root).filter((entry) => !TOOL_CACHES.some((pattern) => pattern.test(entry)));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (left.length > 0) {
    throw new Error(
      `Tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temp folder: ${left.sort().join(', ')}.\n` +
        'Take scratch folders from test/support/temp-dir.ts (tempDir, testingApp) or remove them in afterAll. ' +
        'To find the test: run test files one at a time with TMPDIR set to an empty folder and list it afterwards.',
    );
  }
}

module.exports = { setup, teardown };
