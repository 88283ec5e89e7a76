/**
 * Maps the environment's `monitoring` section and its clinical systems onto the Monitoring construct's
 * props: the section's settings as they are (the schema has already applied the operations plan's
 * defaults), every clinical system with its namespace, the registration system's autoscaling bounds,
 * and the management segment's placement.
 */
import { REGISTRATION_SYSTEM, type EnvironmentConfig } from '../../environments/schema';
import { Monitoring, type MonitoringProps } from '../../constructs/monitoring';
import { namespaceResources, type CapabilityContext } from './context';

export type MonitoringEnvironment = Pick<EnvironmentConfig, 'monitoring' | 'clinicalSystems'>;

/** The Monitoring props of an environment, or undefined when it declares no `monitoring` section. */
export function monitoringProps(context: CapabilityContext, environment: MonitoringEnvironment): MonitoringProps | undefined {
  const monitoring = environment.monitoring;
  if (!monitoring) return undefined;
  return {
    namespace: monitoring.namespace,
    storageClass: monitoring.storageClass,
    prometheus: monitoring.prometheus,
    grafana: monitoring.grafana,
    alertmanager: monitoring.alertmanager,
    alerts: monitoring.alerts,
    machineRoom: monitoring.machineRoom,
    logs: monitoring.logs,
    systems: Object.entries(environment.clinicalSystems).map(([name, system]) => ({ name, namespace: system.namespace, core: system.core })),
    registrationReplicas: environment.clinicalSystems[REGISTRATION_SYSTEM]?.autoscaling,
    // Monitoring runs in the management segment.
    placement: context.placementFor('management'),
    dependsOn: namespaceResources(context, [monitoring.namespace]),
  };
}

export function addMonitoring(context: CapabilityContext, environment: MonitoringEnvironment): Monitoring | undefined {
  const props = monitoringProps(context, environment);
  return props && new Monitoring(context.scope, 'monitoring', props);
}
