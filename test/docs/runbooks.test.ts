import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, 'docs/runbooks', file), 'utf8');

describe('runbooks', () => {
  it('failover: the step durations add up to the stated total, within the 30-minute RTO', () => {
    const text = read('failover.md');
    const steps = [...text.matchAll(/^\| +(\d+) +\| ([^|]+) \| [^|]+ \| +(\d+) min +\|$/gm)].map((match) => ({
      step: Number(match[1]),
      minutes: Number(match[3]),
    }));
    expect(steps.map((entry) => entry.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const total = steps.reduce((sum, entry) => sum + entry.minutes, 0);
    expect(text).toMatch(new RegExp(`\\| \\*\\*${total} min\\*\\* +\\|`));
    expect(total).toBeLessThanOrEqual(30);
    for (const step of steps) expect(text).toMatch(new RegExp(`^## ${step.step}\\. .*\\(${step.minutes} min\\)$`, 'm'));
  });

  it('restore: covers each engine’s tooling', () => {
    const text = read('restore.md');
    for (const fragment of ['--apply-log-only', '--incremental-dir', 'pgbackrest --stanza', 'RESTORE DATABASE VALIDATE', 'platform_backup.canary'])
      expect(text).toContain(fragment);
  });
});
