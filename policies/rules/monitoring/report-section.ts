/**
 * The report's alerting section, per environment: every alert the kube-prometheus-stack release
 * carries with its incident level, the response time the operations plan promises for that level, the
 * system it concerns, and the Alertmanager receiver and repeat interval it reaches. Read from the
 * helm_release values, so it describes what would be deployed.
 */
import type { Estate } from '../../model';
import { escapeHtml } from '../../report/html';
import { escapeMarkdown } from '../../report/markdown';
import type { ReportContributor, ReportSection } from '../../report/sections';
import { isObject } from '../../values';
import { alertRulesOf, releasesOf } from './helm-facts';

/** The operations plan's response times per incident level (severity label). */
export const RESPONSE_TIMES: Readonly<Record<string, string>> = { P1: '≤ 15 min', P2: '≤ 1 h', P3: '≤ 2 h' };
const LEVELS: Readonly<Record<string, string>> = { P1: 'level 1', P2: 'level 2', P3: 'level 3' };
/** Readable names of series labels a templated `system` label comes from. */
const SYSTEM_SOURCES: Readonly<Record<string, string>> = { deployment: 'per deployment', label_platform_hospital_data_store: 'per data store' };

export interface AlertRow {
  readonly alert: string;
  readonly severity: string;
  readonly incidentLevel: string;
  readonly responseTime: string;
  readonly system: string;
  readonly for: string;
  readonly receiver: string;
  readonly repeatInterval: string;
  readonly summary: string;
}

interface Route {
  readonly receiver?: string;
  readonly matchers?: readonly string[];
  readonly repeat_interval?: string;
}

/** The first child route whose `severity="X"` matcher equals the alert's severity, else the root route. */
function routeFor(config: Record<string, unknown>, severity: string): { receiver: string; repeatInterval: string } {
  const root = (isObject(config.route) ? config.route : {}) as Route & { routes?: Route[] };
  const child = (root.routes ?? []).find((route) => (route.matchers ?? []).some((matcher) => matcher.replace(/\s/g, '') === `severity="${severity}"` || matcher.replace(/\s/g, '') === `severity=${severity}`));
  return { receiver: child?.receiver ?? root.receiver ?? '—', repeatInterval: child?.repeat_interval ?? root.repeat_interval ?? '—' };
}

function templatedSystem(template: string): string {
  const source = /\$labels\.(\w+)/.exec(template)?.[1] ?? '';
  return SYSTEM_SOURCES[source] ?? `per ${source}`;
}

export function alertRows(estate: Estate, environment: string): AlertRow[] {
  return releasesOf(estate, environment, 'kube-prometheus-stack').flatMap((release) => {
    const alertmanager = isObject(release.values.alertmanager) && isObject(release.values.alertmanager.config) ? release.values.alertmanager.config : {};
    return alertRulesOf(release).map((rule) => {
      const severity = rule.labels.severity ?? 'unset';
      const route = routeFor(alertmanager, severity);
      const system = rule.labels.system ?? '—';
      return {
        alert: rule.labels.cadence ? `${rule.alert} (${rule.labels.cadence})` : rule.alert,
        severity,
        incidentLevel: LEVELS[severity] ?? 'not an incident level',
        responseTime: RESPONSE_TIMES[severity] ?? '—',
        // A templated system label (`{{ $labels.deployment }}`) names the series label it comes from.
        system: system.includes('{{') ? templatedSystem(system) : system,
        for: rule.for ?? 'immediately',
        receiver: route.receiver,
        repeatInterval: route.repeatInterval,
        summary: rule.annotations.summary ?? '',
      };
    });
  });
}

const HEADER = ['alert', 'severity', 'incident level', 'response time', 'system', 'fires after', 'receiver', 'repeats every'];
const cells = (row: AlertRow): string[] => [row.alert, row.severity, row.incidentLevel, row.responseTime, row.system, row.for, row.receiver, row.repeatInterval];
const INTRO =
  'Alerts and the incident level they open: level 1 responded to within 15 minutes, level 2 within 1 hour, level 3 within 2 hours (operations plan). ' +
  'A P1 of a system silences its P2/P3 alerts; alerts without an incident level reach ops-p3.';

function section(environment: string, rows: readonly AlertRow[]): ReportSection {
  const order = (row: AlertRow) => (['P1', 'P2', 'P3'].indexOf(row.severity) + 4) % 4;
  const sorted = [...rows].sort((a, b) => order(a) - order(b) || a.alert.localeCompare(b.alert));
  return {
    id: `alerts-${environment}`,
    title: `Alerts by incident level — ${environment}`,
    environment,
    markdown: [INTRO, '', `| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`, ...sorted.map((row) => `| ${cells(row).map(escapeMarkdown).join(' | ')} |`)].join('\n'),
    html:
      `<p>${escapeHtml(INTRO)}</p><table class="alerts"><thead><tr>${HEADER.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>` +
      sorted.map((row) => `<tr>${cells(row).map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('') +
      '</tbody></table>',
    data: sorted,
  };
}

export const alertsReportContributor: ReportContributor = {
  id: 'alerts',
  build(estate) {
    return estate.environments.flatMap((environment) => {
      const rows = alertRows(estate, environment);
      return rows.length > 0 ? [section(environment, rows)] : [];
    });
  },
};
