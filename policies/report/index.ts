/**
 * Report writers: `renderReport` turns one `ComplianceReport` into any format `npm run check --format`
 * accepts, and `writeReports` writes the full set that `npm run synth` leaves in `reports/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import type { ComplianceReport, ReportFormat } from './model';
import { renderSarif } from './sarif';
import { renderText } from './text';

export type { ComplianceReport, FixtureOutcome, ManualControl, ReportFormat, RuleEvidence, WaiverRecord, WaiverStatus } from './model';
export { REPORT_FORMATS } from './model';
export { renderMarkdownSummary } from './markdown';
export { gateVerdict, isBlocking, blockingFindings } from './summary';
export { buildComplianceReport, waiverRecords, type ReportInput } from './assemble';

const RENDERERS: Record<ReportFormat, (report: ComplianceReport) => string> = {
  text: renderText,
  json: renderJson,
  md: renderMarkdown,
  html: renderHtml,
  sarif: renderSarif,
  junit: renderJunit,
  csv: renderCsv,
};

export function renderReport(format: ReportFormat, report: ComplianceReport): string {
  const render = RENDERERS[format];
  if (!render) throw new Error(`unknown report format "${String(format)}" (expected one of ${Object.keys(RENDERERS).join(', ')})`);
  return render(report);
}

/** The files `writeReports` produces, by format. */
export const REPORT_FILES: readonly { readonly format: ReportFormat; readonly file: string }[] = [
  { format: 'md', file: 'compliance.md' },
  { format: 'html', file: 'compliance.html' },
  { format: 'json', file: 'compliance.json' },
  { format: 'csv', file: 'compliance.csv' },
  { format: 'sarif', file: 'policy.sarif' },
  { format: 'junit', file: 'policy.junit.xml' },
];

/**
 * Renders each report into a temporary file in the same folder, and renames them all into place only
 * once every one was written: a rendering error or a crash writes nothing visible, and readers always
 * see either the previous or the new files. One report is rendered at a time (a 100-cluster estate
 * makes reports of tens of MiB each). Returns the written paths.
 */
export function writeReports(report: ComplianceReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const { format, file } of REPORT_FILES) {
      const target = path.join(dir, file);
      const content = renderReport(format, report);
      const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
      staged.push({ temp, target });
      const handle = fs.openSync(temp, 'w');
      try {
        fs.writeFileSync(handle, content, 'utf8');
        fs.fsyncSync(handle);
      } finally {
        fs.closeSync(handle);
      }
    }
    for (const { temp, target } of staged) fs.renameSync(temp, target);
  } catch (error) {
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    throw error;
  }
  return staged.map(({ target }) => target);
}
