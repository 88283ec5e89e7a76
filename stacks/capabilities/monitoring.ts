/** Maps the environment's `monitoring` section and its clinical systems onto the Monitoring construct. */
import { REGISTRATION_SYSTEM, type EnvironmentConfig } from '../../environments/schema';
import { Monitoring } from '../../constructs/monitoring';
import { namespaceResources, type CapabilityContext } from './context';

export function addMonitoring(context: CapabilityContext, environment: Pick<EnvironmentConfig, 'monitoring' | 'clinicalSystems'>): Monitoring | undefined {
  if (!environment.monitoring) return undefined;
  return new Monitoring(context.scope, 'monitoring', {
    config: environment.monitoring,
    systems: Object.entries(environment.clinicalSystems).map(([name, system]) => ({ name, namespace: system.namespace, core: system.core })),
    registrationReplicas: environment.clinicalSystems[REGISTRATION_SYSTEM]?.autoscaling,
    placement: context.placementFor('management'),
    dependsOn: namespaceResources(context, [environment.monitoring.namespace]),
  });
}
