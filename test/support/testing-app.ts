import { Testing, type App } from 'cdktf';
import { tempDir } from './temp-dir';

/** `Testing.app()` with its output folder from `tempDir` (cdktf's own default, `cdktf.outdir.*`, is never removed). */
export function testingApp(): App {
  return Testing.app({ outdir: tempDir('cdktf.outdir.') });
}
