/** Maps the environment's `networkFlows` onto NetworkIsolation: default deny, DNS, guest limits, declared flows. */
import type { EnvironmentConfig } from '../../environments/schema';
import { NetworkIsolation } from '../../constructs/network-isolation';
import type { CapabilityContext } from './context';

export function addNetworkIsolation(context: CapabilityContext, environment: Pick<EnvironmentConfig, 'namespaces' | 'networkFlows'>): NetworkIsolation | undefined {
  if (!environment.networkFlows) return undefined;
  return new NetworkIsolation(context.scope, 'network-isolation', {
    namespaces: Object.entries(environment.namespaces).map(([name, namespace]) => ({
      name,
      segment: namespace.segment,
      // The namespace object's name as a token keeps the dependency on it.
      reference: context.namespaceResource(name)?.metadata.name ?? name,
    })),
    config: environment.networkFlows,
  });
}
