/**
 * What a capability mapper may use of the stack it adds to: the scope, the namespaces already created
 * (for dependencies) and the segment → node-pool placement. Mappers take this narrow context and the
 * environment sections they map, never the stack itself, so that the stack composes them without an
 * import cycle and a mapper can be tested with a bare App.
 */
import type { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import type { Construct } from 'constructs';
import type { Segment } from '../../environments/schema';
import type { Placement } from '../../constructs/restricted-workload';

export interface CapabilityContext {
  readonly scope: Construct;
  /** The Kubernetes namespace object of a declared namespace (for `dependsOn`), if the stack created it. */
  namespaceResource(name: string): NamespaceV1 | undefined;
  placementFor(segment: Segment): Placement;
}

/** The namespace objects of the given names that exist, for `dependsOn` lists. */
export const namespaceResources = (context: CapabilityContext, names: Iterable<string>): NamespaceV1[] =>
  [...names].flatMap((name) => {
    const resource = context.namespaceResource(name);
    return resource ? [resource] : [];
  });
