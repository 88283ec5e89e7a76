import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Outputs are built in a staging folder beside their final place and moved in only when the whole
 * run succeeded, so a crash, invalid configuration or a blocked gate never leaves half-written
 * `cdktf.out/`, `artifacts/` or `reports/` behind (renames within one file system are atomic).
 */
export function createStagingDirectory(outputRoot: string): string {
  fs.mkdirSync(outputRoot, { recursive: true });
  return fs.mkdtempSync(path.join(outputRoot, '.staging-'));
}

/** Replaces `finalDir` as a whole with `stagedDir` (for folders nothing else writes into). */
export function replaceDirectory(stagedDir: string, finalDir: string): void {
  const previous = `${finalDir}.previous-${process.pid}`;
  const hadPrevious = fs.existsSync(finalDir);
  if (hadPrevious) fs.renameSync(finalDir, previous);
  try {
    fs.renameSync(stagedDir, finalDir);
  } catch (error) {
    if (hadPrevious) fs.renameSync(previous, finalDir);
    throw error;
  }
  if (hadPrevious) fs.rmSync(previous, { recursive: true, force: true });
}

/**
 * Moves every file of `stagedDir` into `finalDir`, file by file, keeping whatever else `finalDir`
 * holds. Used for `cdktf.out/`, whose stack folders also hold Terraform's `.terraform/` working data
 * that a deploy needs and synthesis must not delete.
 */
export function mergeFiles(stagedDir: string, finalDir: string): void {
  for (const entry of fs.readdirSync(stagedDir, { withFileTypes: true })) {
    const source = path.join(stagedDir, entry.name);
    const target = path.join(finalDir, entry.name);
    if (entry.isDirectory()) {
      if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) fs.rmSync(target, { force: true });
      fs.mkdirSync(target, { recursive: true });
      mergeFiles(source, target);
    } else {
      fs.mkdirSync(finalDir, { recursive: true });
      fs.renameSync(source, target);
    }
  }
}

export function removeQuietly(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}
