import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Severity } from '../../../policies/model';
import { REPORT_FORMATS, renderReport, writeReports } from '../../../policies/report';
import { sampleReport } from './sample-report';
import { tempDir } from '../../support/temp-dir';

describe('writeReports', () => {
  it('writes the six report files atomically and leaves no temporary files', () => {
    const dir = path.join(tempDir('reports-'), 'reports');
    const written = writeReports(sampleReport(), dir);
    expect(written.map((file) => path.basename(file))).toEqual([
      'compliance.md',
      'compliance.html',
      'compliance.json',
      'compliance.csv',
      'policy.sarif',
      'policy.junit.xml',
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(['compliance.csv', 'compliance.html', 'compliance.json', 'compliance.md', 'policy.junit.xml', 'policy.sarif']);
    expect(fs.readFileSync(path.join(dir, 'compliance.json'), 'utf8')).toBe(renderReport('json', sampleReport()));
  });

  it('keeps the previous reports untouched when rendering fails', () => {
    const dir = tempDir('reports-');
    writeReports(sampleReport(), dir);
    const before = fs.readFileSync(path.join(dir, 'compliance.md'), 'utf8');
    const broken = sampleReport({ findings: [{ ...sampleReport().findings[0]!, severity: 'catastrophic' as Severity } as Finding] });
    expect(() => writeReports(broken, dir)).toThrow();
    expect(fs.readFileSync(path.join(dir, 'compliance.md'), 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});

describe('renderReport', () => {
  it('renders every format of `npm run check --format`', () => {
    expect([...REPORT_FORMATS]).toEqual(['text', 'json', 'md', 'html', 'sarif', 'junit', 'csv']);
    for (const format of REPORT_FORMATS) expect(renderReport(format, sampleReport()).length).toBeGreaterThan(100);
    expect(() => renderReport('pdf' as never, sampleReport())).toThrow('unknown report format "pdf"');
  });

  it('prints each blocking finding with rule, resource, environment, message and how to fix (text)', () => {
    const text = renderReport('text', sampleReport());
    expect(text.split('\n')[0]).toBe('Policy gate: BLOCKED — 3 blocking findings');
    expect(text).toMatch(/^ {2}prod\s+4\s+3\s+0\s+0\s+3  critical,high,medium$/m);
    expect(text).toContain(
      [
        '  [high] secrets/no-literals  prod  helm_release.his',
        '      =HYPERLINK("http://evil.example","click"), then "quote" | pipe',
        '      second line',
        '      file: cdktf.out/stacks/prod/cdk.tf.json',
        '      fix:  Reference an existing Secret by name or mount it as a file.',
      ].join('\n'),
    );
    expect(text).toContain('Warnings (not blocking) (2):');
    expect(text).toContain('waived by security-officer@hospital.example until 2027-01-15');
    expect(text).toContain('expired: secrets/no-literals  prod  helm_release.legacy  expires 2026-10-01');
    const passing = sampleReport({ findings: sampleReport().findings.filter((finding) => finding.status === 'pass') });
    expect(renderReport('text', passing).split('\n')[0]).toBe('Policy gate: PASSED — no blocking findings');
  });
});
