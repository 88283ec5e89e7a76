/** Maps the environment's clinical systems onto ClinicalService (Registration for the registration system). */
import { REGISTRATION_SYSTEM, type EnvironmentConfig } from '../../environments/schema';
import { ClinicalService } from '../../constructs/clinical-service';
import { Registration } from '../../constructs/registration';
import type { CapabilityContext } from './context';

export function addClinicalSystems(
  context: CapabilityContext,
  environment: Pick<EnvironmentConfig, 'namespaces' | 'clinicalSystems'>,
): Map<string, ClinicalService> {
  const services = new Map<string, ClinicalService>();
  for (const [name, system] of Object.entries(environment.clinicalSystems)) {
    const segment = environment.namespaces[system.namespace]!.segment;
    const common = { ...system, name, segment, placement: context.placementFor(segment) };
    const service =
      name === REGISTRATION_SYSTEM ? new Registration(context.scope, `system-${name}`, common) : new ClinicalService(context.scope, `system-${name}`, common);
    const namespace = context.namespaceResource(system.namespace);
    if (namespace) service.node.addDependency(namespace);
    services.set(name, service);
  }
  return services;
}
