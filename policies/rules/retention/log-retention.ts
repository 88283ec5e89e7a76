/**
 * Log retention as Loki enforces it, read from the Loki helm_release values: `limits_config.retention_period`
 * (every stream), `limits_config.retention_stream` (per-stream overrides by selector) and
 * `compactor.retention_enabled` (without it Loki deletes nothing). `loki.structuredConfig` wins over both.
 */
import { DEPLOYMENT_TYPES, workloadLabels } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import type { Estate, EstateRule } from '../../model';
import { isObject } from '../../values';
import { durationDays, releasesOf, valueAt, type ParsedRelease } from '../monitoring/helm-facts';

export interface StreamRetention {
  readonly selector: string;
  readonly days: number | undefined;
  readonly raw: unknown;
}

export interface LogRetention {
  readonly release: ParsedRelease;
  /** False when the compactor does not apply retention: Loki then keeps every log indefinitely. */
  readonly deletes: boolean;
  /** Days of `retention_period`; undefined when unset or unparsable (`raw` says which). */
  readonly defaultDays: number | undefined;
  readonly defaultRaw: unknown;
  readonly streams: readonly StreamRetention[];
}

const section = (values: Record<string, unknown>, key: string): Record<string, unknown> => {
  const loki = isObject(values.loki) ? values.loki : {};
  const structured = isObject(loki.structuredConfig) && isObject(loki.structuredConfig[key]) ? loki.structuredConfig[key] : {};
  return { ...(isObject(loki[key]) ? loki[key] : {}), ...(structured as Record<string, unknown>) };
};

export function logRetentionOf(release: ParsedRelease): LogRetention {
  const limits = section(release.values, 'limits_config');
  const compactor = section(release.values, 'compactor');
  const streams = (Array.isArray(limits.retention_stream) ? limits.retention_stream : []).filter(isObject).map((stream) => ({
    selector: String(stream.selector ?? ''),
    days: durationDays(stream.period),
    raw: stream.period,
  }));
  // Loki treats a retention period of 0 as "keep forever".
  const zero = limits.retention_period === 0 || limits.retention_period === '0' || limits.retention_period === '0s';
  return {
    release,
    deletes: compactor.retention_enabled === true,
    defaultDays: zero ? Number.POSITIVE_INFINITY : durationDays(limits.retention_period),
    defaultRaw: limits.retention_period,
    streams,
  };
}

/**
 * Why Loki would not keep what it stores across a pod restart, or undefined: a single-binary Loki storing
 * chunks on its filesystem (`loki.storage.type` filesystem, or unset with no object store configured)
 * with `singleBinary.persistence.enabled: false` writes them to an emptyDir, deleted with the pod, so no
 * retention period is ever reached.
 */
export function persistenceProblem(release: ParsedRelease): string | undefined {
  const storageType = valueAt(release.values, 'loki.storage.type');
  const filesystem = storageType === undefined || storageType === 'filesystem';
  if (valueAt(release.values, 'singleBinary.persistence.enabled') === false && filesystem)
    return 'singleBinary.persistence.enabled is false: Loki keeps its filesystem store on an emptyDir, deleted with the pod, so no log is kept for its retention period';
  return undefined;
}

/**
 * Environments the log rules judge: those with a Loki release, and those running core clinical systems
 * (which must keep operation logs whether or not a log store was declared).
 */
export function logEnvironments(estate: Estate): { environment: string; releases: ParsedRelease[]; hasCore: boolean }[] {
  return estate.environments
    .map((environment) => ({
      environment,
      releases: releasesOf(estate, environment, 'loki'),
      hasCore: DEPLOYMENT_TYPES.some((type) =>
        estate.byType(type, environment).some((resource) => workloadLabels(resource)[LABELS.tier] === LABEL_VALUES.coreTier),
      ),
    }))
    .filter((entry) => entry.releases.length > 0 || entry.hasCore);
}

/** One result of an estate rule. */
export type EstateResult = ReturnType<EstateRule['evaluate']>[number];

export const YEAR_DAYS = 365;
export const show = (days: number | undefined, raw: unknown): string =>
  days === undefined
    ? `${raw === undefined ? 'unset' : JSON.stringify(raw)}`
    : days === Number.POSITIVE_INFINITY
      ? 'unlimited'
      : `${Math.round(days)} days (${String(raw)})`;
