/**
 * Falco as its chart would deploy it: the falco helm_release's values (documents and `set` merged as
 * Helm merges them) over the chart defaults that decide what runs (a DaemonSet with a driver on every
 * node it tolerates, events forwarded to falcosidekick when it is enabled).
 */
import type { Estate } from '../../model';
import type { FalcoPriority } from '../../plan/schema';
import { FALCO_PRIORITIES } from '../../plan/schema';
import { releasesOf, type ParsedRelease } from '../monitoring/helm-facts';

export const falcoReleases = (estate: Estate, environment: string): ParsedRelease[] => releasesOf(estate, environment, 'falco');

export { valueAt as at } from '../monitoring/helm-facts';

/** Falco's priority names as falco.yaml and falcosidekick accept them (case-insensitive, `info` for informational). */
export function falcoPriority(value: unknown): FalcoPriority | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toLowerCase();
  const normal = name === 'info' ? 'informational' : name;
  return (FALCO_PRIORITIES as readonly string[]).includes(normal) ? (normal as FalcoPriority) : undefined;
}

/** Whether events at `priority` pass a threshold `minimum` (Falco's order: emergency is the most severe). */
export const passes = (priority: FalcoPriority, minimum: FalcoPriority): boolean => FALCO_PRIORITIES.indexOf(priority) <= FALCO_PRIORITIES.indexOf(minimum);

/** The chart's tolerations when the values set none (falco 9.1.0 values.yaml): control-plane nodes only. */
export const CHART_TOLERATIONS = [
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master' },
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
];
