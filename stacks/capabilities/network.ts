/**
 * Maps the environment's namespaces and `networkFlows` onto NetworkIsolation's props: every namespace
 * with its segment (and its Terraform reference, for the dependency), the cluster's networks, cluster
 * DNS and the declared flows (the schema has already parsed their endpoints and ports).
 */
import type { EnvironmentConfig } from '../../environments/schema';
import { NetworkIsolation, type NetworkIsolationProps } from '../../constructs/network-isolation';
import type { CapabilityContext } from './context';

export type NetworkEnvironment = Pick<EnvironmentConfig, 'namespaces' | 'networkFlows'>;

/** The NetworkIsolation props of an environment, or undefined when it declares no `networkFlows`. */
export function networkIsolationProps(context: CapabilityContext, environment: NetworkEnvironment): NetworkIsolationProps | undefined {
  const network = environment.networkFlows;
  if (!network) return undefined;
  return {
    namespaces: Object.entries(environment.namespaces).map(([name, namespace]) => ({
      name,
      segment: namespace.segment,
      // The namespace object's name as a token keeps the dependency on it.
      reference: context.namespaceResource(name)?.metadata.name ?? name,
    })),
    clusterCidrs: network.clusterCidrs,
    dns: network.dns,
    flows: network.flows,
  };
}

/** Default deny, DNS, guest limits and the declared flows. */
export function addNetworkIsolation(context: CapabilityContext, environment: NetworkEnvironment): NetworkIsolation | undefined {
  const props = networkIsolationProps(context, environment);
  return props && new NetworkIsolation(context.scope, 'network-isolation', props);
}
