import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Scratch folders for tests, removed after the test file (test/support/temp-cleanup.ts registers the
 * `afterAll`). The registry lives on globalThis so a module loaded again through jest.isolateModules
 * still feeds the same list. The run's guard (test/support/temp-guard.js) fails `npm test` when a test
 * leaves anything in the temp folder, so new tests should take their folders from here.
 */
const REGISTRY = Symbol.for('hospital-platform.test.temp-dirs');
type Registry = { [REGISTRY]?: Set<string> };

function registry(): Set<string> {
  const holder = globalThis as Registry;
  return (holder[REGISTRY] ??= new Set<string>());
}

/** A new empty folder under the system temp folder, removed after the current test file. */
export function tempDir(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  registry().add(directory);
  return directory;
}

/** Removes every folder `tempDir` made in this test file. */
export function removeTempDirs(): void {
  for (const directory of registry()) fs.rmSync(directory, { recursive: true, force: true });
  registry().clear();
}
