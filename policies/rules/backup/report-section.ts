/**
 * The report's backup and DR sections: per environment, each data store's schedules in words with their
 * next runs (in the schedule's own time zone), the computed RPO, retention and targets, and the drill
 * that proves the off-site copy; then, per primary/standby pair, where each production system and
 * data store has its counterpart at the DR site. Read from the same Terraform as the rules.
 */
import type { Estate } from '../../model';
import { escapeHtml } from '../../report/html';
import { escapeMarkdown } from '../../report/markdown';
import type { ReportContributor, ReportSection } from '../../report/sections';
import { drCoreSystemsPresent } from '../dr/core-systems-present';
import { planOf } from '../../plan/facts';
import { copiesOf } from './copies';
import { dataStoresOf, type BackupJob, type DataStoreFacts } from './facts';
import { gapOfJobs } from './job-gaps';
import { drillsOf, offsiteCopiesOf } from './restore-drill-monthly';
import { describeLocation } from './runtime';
import { describeSchedule, formatHours, formatInZone, nextRuns } from './schedule-gaps';

export interface ScheduleRow {
  readonly kind: string;
  readonly schedule: string;
  readonly timeZone: string;
  readonly words: string;
  readonly nextRuns: readonly string[];
  readonly suspended: boolean;
}

export interface BackupRow {
  readonly dataStore: string;
  readonly engine: string;
  readonly medical: boolean;
  readonly schedules: readonly ScheduleRow[];
  /** Hours, or null when it cannot be computed (see `rpoProblem`). */
  readonly rpoHours: number | null;
  readonly rpoProblem?: string;
  readonly retentionYears: number | null;
  readonly objectLock: string | null;
  readonly localTargets: readonly string[];
  readonly offsiteTarget: string | null;
  readonly offsiteSite: string | null;
  readonly archiveTarget: string | null;
  /** The drills (any environment) that restore this store's off-site copy. */
  readonly drills: readonly string[];
  readonly drillRequirement: string;
}

export interface CoverageRow {
  readonly primary: string;
  readonly subject: string;
  readonly counterpart: string | null;
  readonly status: string;
  readonly message: string;
}

const KIND_ORDER = ['incremental', 'full', 'archive', 'restore-drill', 'offsite-copy'];

function scheduleRow(job: BackupJob, now: Date): ScheduleRow | undefined {
  if (typeof job.schedule !== 'string') return undefined;
  const timeZone = typeof job.timeZone === 'string' && job.timeZone !== '' ? job.timeZone : 'UTC';
  return {
    kind: job.kind ?? job.labelKind ?? 'unrecognised',
    schedule: job.schedule,
    timeZone,
    words: describeSchedule(job.schedule),
    nextRuns: job.suspended ? [] : nextRuns({ schedule: job.schedule, timeZone }, 3, now).map((run) => formatInZone(run, timeZone)),
    suspended: job.suspended,
  };
}

/** The backup table rows of one environment: what the CronJobs run, not what their annotations say. */
export function backupRows(estate: Estate, environment: string, now: Date = new Date()): BackupRow[] {
  return dataStoresOf(estate, environment)
    .filter((store) => store.jobs.length > 0 || store.claims.length > 0)
    .map((store) => backupRow(estate, store, now));
}

function backupRow(estate: Estate, store: DataStoreFacts, now: Date): BackupRow {
  const ordered = [...store.jobs, ...store.claims].sort((a, b) => KIND_ORDER.indexOf(a.kind ?? '') - KIND_ORDER.indexOf(b.kind ?? ''));
  const backups = store.jobs.filter((job) => job.kind === 'full' || job.kind === 'incremental');
  const gap = backups.length > 0 ? gapOfJobs(backups) : undefined;
  const archives = store.jobs.filter((job) => job.kind === 'archive');
  const lockChecks = archives.flatMap((job) => job.run.lockChecks);
  const years = lockChecks.map((check) => check.years).filter((value): value is number => value !== undefined);
  const archiveTargets = archives.flatMap((job) => job.run.pushes.filter((push) => push.to.kind === 'object-store').map((push) => describeLocation(push.to)));
  const offsite = offsiteCopiesOf(store, estate)[0];
  return {
    dataStore: store.name,
    engine: backups[0]?.run.backups[0]?.engine ?? '',
    medical: store.medical,
    schedules: ordered.map((job) => scheduleRow(job, now)).filter((row): row is ScheduleRow => row !== undefined),
    rpoHours: gap?.ok && Number.isFinite(gap.gap.maxGapHours) ? gap.gap.maxGapHours : null,
    ...(gap && !gap.ok ? { rpoProblem: gap.problem } : {}),
    retentionYears: years.length > 0 ? Math.min(...years) : null,
    objectLock: lockChecks.find((check) => check.mode)?.mode ?? null,
    localTargets: [...new Set(backups.flatMap((job) => copiesOf(job, estate).local.map((copy) => describeLocation(copy.location))))],
    offsiteTarget: offsite ? describeLocation(offsite.location) : null,
    offsiteSite: offsite?.site.key ?? null,
    archiveTarget: archiveTargets[0] ?? null,
    drills: drillsOf(store, estate).map(
      ({ drill }) => `${drill.resource.environment}: ${describeSchedule(String(drill.schedule))} (${String(drill.timeZone ?? 'UTC')})`,
    ),
    drillRequirement: store.medical
      ? `monthly restore of the off-site copy${offsite ? ` at ${offsite.site.key}` : ''}, verified (checksums, engine verify, canary rows)`
      : 'none (no medical records)',
  };
}

/** The DR coverage rows: what dr/core-systems-present found, as a table. */
export function coverageRows(estate: Estate): CoverageRow[] {
  return drCoreSystemsPresent.evaluate(estate).map((result) => {
    const details = (result.details ?? {}) as Record<string, unknown>;
    const subject = String(details.system ?? (details.dataStore ? `data store ${String(details.dataStore)}` : result.resource));
    return {
      primary: result.environment,
      subject,
      counterpart: typeof details.counterpart === 'string' ? details.counterpart : null,
      status: result.status,
      message: result.message,
    };
  });
}

const md = escapeMarkdown;
const html = escapeHtml;

function scheduleText(row: BackupRow): { markdown: string; html: string } {
  const lines = row.schedules.map(
    (entry) =>
      `${entry.kind}: ${entry.words} (${entry.timeZone}, cron ${entry.schedule})${entry.suspended ? ' SUSPENDED' : ''}${entry.nextRuns.length ? `; next ${entry.nextRuns.join(', ')}` : ''}`,
  );
  return {
    markdown: lines.map((line) => md(line)).join('<br>'),
    html: lines.map((line) => html(line)).join('<br>'),
  };
}

const rpoText = (row: BackupRow, limit: number): string =>
  row.rpoHours === null
    ? `not computable: ${row.rpoProblem ?? 'no backup job'}`
    : `${formatHours(row.rpoHours)}${row.medical ? (row.rpoHours <= limit ? ' ✓' : ` ✗ (> ${limit} h)`) : ''}`;

function backupSection(environment: string, rows: readonly BackupRow[], limit: number): ReportSection {
  const header = ['data store', 'schedules (next runs)', 'RPO', 'retention', 'local targets', 'off-site', 'archive', 'restore drill'];
  const cells = (row: BackupRow) => [
    `${row.dataStore} (${row.engine}${row.medical ? ', medical records' : ''})`,
    null,
    rpoText(row, limit),
    row.retentionYears === null ? '—' : `${row.retentionYears} years${row.objectLock ? ` (${row.objectLock} lock)` : ''}`,
    row.localTargets.join(' + ') || '—',
    row.offsiteTarget ? `${row.offsiteTarget} (site ${row.offsiteSite ?? '?'})` : '—',
    row.archiveTarget ?? '—',
    `${row.drillRequirement}${row.drills.length ? `; runs ${row.drills.join('; ')}` : row.medical ? '; no drill found' : ''}`,
  ];
  const markdown = [
    `RPO = longest gap between consecutive full or incremental backups over the year, in the schedule's time zone (medical records: ≤ ${limit} h).`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (row) =>
        `| ${cells(row)
          .map((cell, index) => (index === 1 ? scheduleText(row).markdown : md(cell!)))
          .join(' | ')} |`,
    ),
  ].join('\n');
  const body = rows
    .map(
      (row) =>
        `<tr>${cells(row)
          .map((cell, index) => `<td>${index === 1 ? scheduleText(row).html : html(cell!)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return {
    id: `backup-${environment}`,
    title: `Backups — ${environment}`,
    environment,
    markdown,
    html:
      `<p>RPO = longest gap between consecutive full or incremental backups over the year, in the schedule's time zone (medical records: ≤ ${limit} h).</p>` +
      `<table class="backup-table"><thead><tr>${header.map((name) => `<th>${html(name)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`,
    data: rows,
  };
}

function coverageSection(rows: readonly CoverageRow[]): ReportSection {
  const header = ['primary', 'system / data store', 'DR counterpart', 'status'];
  const cells = (row: CoverageRow) => [row.primary, row.subject, row.counterpart ?? '—', row.status === 'pass' ? 'warm ✓' : `${row.status}: ${row.message}`];
  return {
    id: 'dr-coverage',
    title: 'Disaster-recovery coverage',
    markdown: [
      'Every core system and data store of production and its counterpart at the DR site (rule dr/core-systems-present).',
      '',
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${cells(row).map(md).join(' | ')} |`),
    ].join('\n'),
    html:
      '<p>Every core system and data store of production and its counterpart at the DR site (rule dr/core-systems-present).</p>' +
      `<table class="dr-coverage"><thead><tr>${header.map((name) => `<th>${html(name)}</th>`).join('')}</tr></thead><tbody>` +
      rows
        .map(
          (row) =>
            `<tr>${cells(row)
              .map((cell) => `<td>${html(cell)}</td>`)
              .join('')}</tr>`,
        )
        .join('') +
      '</tbody></table>',
    data: rows,
  };
}

/** `now` is injectable so tests get stable "next runs". */
export function backupReportContributor(now: () => Date = () => new Date()): ReportContributor {
  return {
    id: 'backup',
    build(estate) {
      const at = now();
      const sections: ReportSection[] = [];
      for (const environment of estate.environments) {
        const rows = backupRows(estate, environment, at);
        if (rows.length > 0) sections.push(backupSection(environment, rows, planOf(estate).backup.maxGapHours));
      }
      const coverage = coverageRows(estate);
      if (coverage.length > 0) sections.push(coverageSection(coverage));
      return sections;
    },
  };
}
