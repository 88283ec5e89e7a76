/** The backup scripts on their own: what they run, that bash parses them, and their helpers at run time with stub tools. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BACKUP_SCRIPTS, readBackupScript } from '../../../constructs/backup';
import { tempDir } from '../../support/temp-dir';

describe('backup scripts', () => {
  it('restore drill scripts prepare, verify and fail loudly', () => {
    const mysql = readBackupScript('mysql-restore-drill.sh');
    expect(mysql).toContain('xtrabackup --prepare --apply-log-only --target-dir="$full"');
    expect(mysql).toMatch(/if \(\(i < count - 1\)\); then only=\(--apply-log-only\); else only=\(\); fi/);
    expect(mysql).toContain('LSN chain broken');
    expect(mysql).toContain('canary rows: found');
    const postgres = readBackupScript('postgresql-restore-drill.sh');
    expect(postgres).toContain('pgbackrest --stanza="$STANZA" verify');
    expect(postgres).toContain('pgbackrest --stanza="$STANZA" restore --set="$label"');
    expect(postgres).toContain('pg_amcheck');
    const oracle = readBackupScript('oracle-restore-drill.sh');
    expect(oracle).toContain('RESTORE DATABASE VALIDATE;');
    expect(oracle).toContain('ALTER DATABASE OPEN RESETLOGS;');
    for (const file of BACKUP_SCRIPTS) {
      const text = readBackupScript(file);
      expect(file === 'lib.sh' ? text : text.split('\n').slice(0, 12).join('\n')).toMatch(
        file === 'lib.sh' ? /^set -euo pipefail$/m : /^source \/opt\/backup\/lib\.sh$/m,
      );
    }
  });

  it('every script is valid bash (bash -n)', () => {
    for (const file of BACKUP_SCRIPTS) {
      const result = spawnSync('bash', ['-n', '-c', readBackupScript(file)], { encoding: 'utf8' });
      expect({ file, stderr: result.stderr, status: result.status }).toEqual({ file, stderr: '', status: 0 });
    }
  });
});

describe('backup scripts at run time (bash, with stub tools)', () => {
  it('restore_chain picks the latest full set and every incremental after it', () => {
    const dir = tempDir('backup-chain-');
    fs.writeFileSync(
      path.join(dir, 'chain.log'),
      ['t1 full-1 full -', 't2 inc-1 incremental full-1', 't3 full-2 full -', 't4 inc-2 incremental full-2', 't5 inc-3 incremental inc-2', ''].join('\n'),
    );
    const lib = readBackupScript('lib.sh');
    const result = spawnSync('bash', ['-c', `${lib}\nrestore_chain "${dir}/chain.log"; echo "latest full: $(BACKUP_ROOT=${dir} latest_set full)"`], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('full-2\ninc-2\ninc-3\nlatest full: full-2\n');
  });

  it('verify_checksums fails loudly on a changed file', () => {
    const dir = tempDir('backup-sums-');
    fs.writeFileSync(path.join(dir, 'ibdata1'), 'pages');
    const lib = readBackupScript('lib.sh');
    const run = (extra: string) => spawnSync('bash', ['-c', `${lib}\nwrite_checksums "${dir}"\n${extra}\nverify_checksums "${dir}"`], { encoding: 'utf8' });
    expect(run('').status).toBe(0);
    const tampered = run(`printf 'changed' > "${dir}/ibdata1"`);
    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toContain('FAILED: checksum mismatch');
  });
});
