/**
 * The report's alerting section, per environment: every alert the kube-prometheus-stack release
 * carries with its incident level, the response time the operations plan (policies/plan.yaml) promises
 * for that level, the system it concerns, and the Alertmanager receiver and repeat interval its route
 * reaches (the route tree evaluated as Alertmanager does). Read from the helm_release values, so it
 * describes what would be deployed.
 */
import type { Estate } from '../../model';
import { escapeHtml } from '../../report/html';
import { escapeMarkdown } from '../../report/markdown';
import type { ReportContributor, ReportSection } from '../../report/sections';
import { planOf } from '../../plan/facts';
import type { OperationsPlan } from '../../plan/schema';
import { alertPipelines } from './alert-pipeline';
import { formatSeconds, routesFor } from './alertmanager-routing';
import { levelOf, routingLabels } from './incident-levels';

/** `≤ 15 min`, `≤ 1 h`: a plan response time as the report prints it. */
const responseTime = (minutes: number): string => (minutes % 60 === 0 ? `≤ ${minutes / 60} h` : `≤ ${minutes} min`);
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

function templatedSystem(template: string): string {
  const source = /\$labels\.(\w+)/.exec(template)?.[1] ?? '';
  return SYSTEM_SOURCES[source] ?? `per ${source}`;
}

export function alertRows(estate: Estate, environment: string): AlertRow[] {
  const plan = planOf(estate);
  return alertPipelines(estate, environment).flatMap((pipeline) =>
    pipeline.rules.map((rule) => {
      const severity = rule.labels.severity ?? 'unset';
      const level = levelOf(plan, rule);
      // Where Alertmanager sends it (routes evaluated as Alertmanager does; several when a route continues).
      const routes = pipeline.routing ? routesFor(pipeline.routing, routingLabels(rule)) : [];
      const system = rule.labels.system ?? '—';
      return {
        alert: rule.labels.cadence ? `${rule.alert} (${rule.labels.cadence})` : rule.alert,
        severity,
        incidentLevel: level ? `level ${level.replace(/^P/, '')}` : 'not an incident level',
        responseTime: level ? responseTime(plan.incidentLevels[level]!.respondWithinMinutes) : '—',
        // A templated system label (`{{ $labels.deployment }}`) names the series label it comes from.
        system: system.includes('{{') ? templatedSystem(system) : system,
        for: rule.for ?? 'immediately',
        receiver: routes.length > 0 ? routes.map((route) => route.receiver).join(', ') : '—',
        repeatInterval: routes.length > 0 ? [...new Set(routes.map((route) => formatSeconds(route.repeatInterval)))].join(', ') : '—',
        summary: rule.annotations.summary ?? '',
      };
    }),
  );
}

const HEADER = ['alert', 'severity', 'incident level', 'response time', 'system', 'fires after', 'receiver', 'repeats every'];
const cells = (row: AlertRow): string[] => [
  row.alert,
  row.severity,
  row.incidentLevel,
  row.responseTime,
  row.system,
  row.for,
  row.receiver,
  row.repeatInterval,
];
const intro = (plan: OperationsPlan): string =>
  `Alerts and the incident level they open, with the response time the operations plan promises for it (${Object.entries(plan.incidentLevels)
    .map(([level, { respondWithinMinutes }]) => `${level} ${responseTime(respondWithinMinutes)}`)
    .join(', ')}; policies/plan.yaml incidentLevels), and the Alertmanager receiver the route tree sends it to.`;

function section(environment: string, rows: readonly AlertRow[], plan: OperationsPlan): ReportSection {
  const INTRO = intro(plan);
  const order = (row: AlertRow) => (['P1', 'P2', 'P3'].indexOf(row.severity) + 4) % 4;
  const sorted = [...rows].sort((a, b) => order(a) - order(b) || a.alert.localeCompare(b.alert));
  return {
    id: `alerts-${environment}`,
    title: `Alerts by incident level — ${environment}`,
    environment,
    markdown: [
      INTRO,
      '',
      `| ${HEADER.join(' | ')} |`,
      `| ${HEADER.map(() => '---').join(' | ')} |`,
      ...sorted.map((row) => `| ${cells(row).map(escapeMarkdown).join(' | ')} |`),
    ].join('\n'),
    html:
      `<p>${escapeHtml(INTRO)}</p><table class="alerts"><thead><tr>${HEADER.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>` +
      sorted
        .map(
          (row) =>
            `<tr>${cells(row)
              .map((cell) => `<td>${escapeHtml(cell)}</td>`)
              .join('')}</tr>`,
        )
        .join('') +
      '</tbody></table>',
    data: sorted,
  };
}

export const alertsReportContributor: ReportContributor = {
  id: 'alerts',
  build(estate) {
    return estate.environments.flatMap((environment) => {
      const rows = alertRows(estate, environment);
      return rows.length > 0 ? [section(environment, rows, planOf(estate))] : [];
    });
  },
};
