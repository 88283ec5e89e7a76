/**
 * Proves that alerts fire at the plan's number: each alert is evaluated on models of the watched series
 * (`series-models.ts`) at the plan's value (and beyond it), on every subject (each node, each
 * filesystem), and must stay silent when all is healthy; an alert that always fires proves nothing.
 * When no alert fires, the message says from which value one would (scanning the range), so the reader
 * sees "fires only from 95 %" rather than "no alert".
 */
import type { OperationsPlan } from '../../plan/schema';
import type { AlertPipeline, AlertRule } from './alert-pipeline';
import { levelOf } from './incident-levels';
import { fires, metricsOf, PromqlUnsupported, type SeriesModel } from './promql-model';

export interface Situation {
  /** What is modelled, for messages: `disk 80 % on 10.0.1.11:9100 /`. */
  readonly label: string;
  readonly model: SeriesModel;
}

export interface ThresholdQuestion {
  /** The situations in which an alert must fire (at the plan's value, beyond it, on every subject). */
  readonly mustFire: readonly Situation[];
  /** All healthy: no alert may fire (else it fires regardless of the value). */
  readonly healthy: SeriesModel;
  /** For the failure message: the value at which some alert first fires, scanning these situations. */
  readonly scan?: () => readonly { readonly value: number; readonly model: SeriesModel }[];
  /** How the scanned value reads: "from" (alerts on high values, the default) or "below" (on low values). */
  readonly scanWord?: 'from' | 'below';
  /** Extra condition on an alert's labels (e.g. the incident level the plan sets); a reason when unmet. */
  readonly levelProblem?: (rule: AlertRule) => string | undefined;
}

export interface ThresholdAnswer {
  readonly proven: boolean;
  /** Alerts that fire in the modelled situations and are silent when healthy. */
  readonly alerts: readonly AlertRule[];
  /** The first situation no alert fires in. */
  readonly missed?: Situation;
  /** Notes for the failure message: unreadable expressions, alerts without a plan level, the first value that fires. */
  readonly notes: readonly string[];
}

function safeFires(rule: AlertRule, model: SeriesModel, notes: string[]): boolean {
  try {
    return fires(rule.expr, model);
  } catch (error) {
    if (!(error instanceof PromqlUnsupported) && !(error instanceof SyntaxError)) throw error;
    notes.push(`${rule.alert}: ${error.message}`);
    return false;
  }
}

export function proveThreshold(pipelines: readonly AlertPipeline[], plan: OperationsPlan, question: ThresholdQuestion): ThresholdAnswer {
  const notes: string[] = [];
  const metrics = new Set<string>();
  for (const situation of question.mustFire) for (const metric of situation.model.keys()) metrics.add(metric);
  const relevant = pipelines
    .filter((pipeline) => pipeline.broken.length === 0)
    .flatMap((pipeline) => pipeline.rules)
    .filter((rule) => {
      try {
        return [...metricsOf(rule.expr)].some((metric) => metrics.has(metric));
      } catch (error) {
        if (!(error instanceof PromqlUnsupported)) throw error;
        return false;
      }
    });
  const firing: AlertRule[] = [];
  for (const rule of relevant) {
    const ruleNotes: string[] = [];
    if (safeFires(rule, question.healthy, ruleNotes)) {
      notes.push(`${rule.alert} fires even when all is healthy`);
      continue;
    }
    notes.push(...ruleNotes);
    const levelProblem =
      levelOf(plan, rule) === undefined
        ? `severity ${rule.labels.severity ?? 'unset'} is no incident level of the plan (${Object.keys(plan.incidentLevels).join(', ')})`
        : question.levelProblem?.(rule);
    if (levelProblem) {
      if (question.mustFire.some((situation) => safeFires(rule, situation.model, []))) notes.push(`${rule.alert} fires, but its ${levelProblem}`);
      continue;
    }
    firing.push(rule);
  }
  const used = new Set<AlertRule>();
  for (const situation of question.mustFire) {
    const alert = firing.find((rule) => safeFires(rule, situation.model, []));
    if (!alert) {
      const steps = question.scan?.() ?? [];
      for (const rule of firing) {
        const first = steps.find((step) => safeFires(rule, step.model, []));
        if (first) notes.push(`${rule.alert} fires only ${question.scanWord ?? 'from'} ${first.value}`);
      }
      return { proven: false, alerts: [...used], missed: situation, notes };
    }
    used.add(alert);
  }
  return { proven: true, alerts: [...used], notes };
}
