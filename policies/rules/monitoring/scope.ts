/**
 * Where the monitoring rules apply and what they judge: every environment that carries clinical
 * systems (plan/clinical-environments.ts) must run a working kube-prometheus-stack pipeline; the rules
 * then judge its alerts. Results name the release, or the environment when it has none.
 */
import type { Estate, EstateRule } from '../../model';
import { carriesClinicalSystems } from '../../plan/clinical-environments';
import { alertPipelines, KUBE_PROMETHEUS_STACK, type AlertPipeline } from './alert-pipeline';

/** One result of an estate rule. */
export type EstateResult = ReturnType<EstateRule['evaluate']>[number];

export interface MonitoredEnvironment {
  readonly environment: string;
  readonly pipelines: readonly AlertPipeline[];
  /** The subject of results about the environment as a whole. */
  readonly subject: { readonly resource: string; readonly environment: string; readonly file?: string };
  /** Set when no pipeline can deliver an alert: the failure message. */
  readonly missing?: string;
}

export function monitoredEnvironments(estate: Estate): MonitoredEnvironment[] {
  return estate.environments.flatMap((environment): MonitoredEnvironment[] => {
    const pipelines = alertPipelines(estate, environment);
    if (pipelines.length === 0 && !carriesClinicalSystems(estate, environment)) return [];
    const first = pipelines[0];
    const subject = first
      ? { resource: first.release.address, environment, file: first.release.file }
      : { resource: `helm_release.${KUBE_PROMETHEUS_STACK}`, environment };
    if (!first)
      return [
        {
          environment,
          pipelines,
          subject,
          missing: `no ${KUBE_PROMETHEUS_STACK} helm_release in ${environment}, which runs clinical systems: nothing evaluates the plan's alerts`,
        },
      ];
    const working = pipelines.filter((pipeline) => pipeline.broken.length === 0);
    if (working.length === 0) return [{ environment, pipelines, subject, missing: `${first.release.address}: ${first.broken.join('; ')}` }];
    return [{ environment, pipelines: working, subject: { resource: working[0]!.release.address, environment, file: working[0]!.release.file } }];
  });
}
