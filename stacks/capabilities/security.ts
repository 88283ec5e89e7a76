/**
 * Maps the environment's security sections (access control, encryption, intrusion detection) onto the
 * constructs' own props.
 */
import type { EnvironmentConfig, Segment } from '../../environments/schema';
import { auditNamespacesOf } from '../../environments/policy-facts';
import { AccessControl, type NamespaceClasses } from '../../constructs/access-control';
import { Encryption } from '../../constructs/encryption';
import { IntrusionDetection } from '../../constructs/intrusion-detection';
import { CHARTS } from '../../constructs/monitoring';
import type { Placement } from '../../constructs/restricted-workload';
import { namespaceResources, type CapabilityContext } from './context';

/** The sections of an environment the security capabilities are built from. */
export type SecurityEnvironment = Pick<
  EnvironmentConfig,
  'access' | 'encryption' | 'intrusionDetection' | 'namespaces' | 'nodePools' | 'clinicalSystems' | 'timeZone'
>;

export interface SecurityCapabilities {
  readonly accessControl?: AccessControl;
  readonly encryption?: Encryption;
  readonly intrusionDetection?: IntrusionDetection;
}

/** Namespaces by what they hold, which decides who reaches them. */
export function namespaceClasses(environment: Pick<EnvironmentConfig, 'access' | 'intrusionDetection' | 'namespaces'>): NamespaceClasses {
  const dataStore = environment.access?.dataStoreNamespaces ?? [];
  const audit = auditNamespacesOf(environment);
  const inSegments = (...segments: Segment[]) =>
    Object.entries(environment.namespaces)
      .filter(([name, namespace]) => segments.includes(namespace.segment) && !dataStore.includes(name) && !audit.includes(name))
      .map(([name]) => name);
  return {
    application: inSegments('medical', 'guest', 'dmz'),
    clinical: inSegments('medical'),
    dataStore,
    audit,
    operations: inSegments('management'),
  };
}

const taintsOf = (environment: Pick<EnvironmentConfig, 'nodePools'>, segments: readonly Segment[]): Placement['tolerations'] =>
  segments.flatMap((segment) => {
    const taint = environment.nodePools[segment]?.taint;
    return taint ? [taint] : [];
  });

export function addSecurityCapabilities(context: CapabilityContext, environment: SecurityEnvironment): SecurityCapabilities {
  const { scope } = context;
  const capabilities: { -readonly [K in keyof SecurityCapabilities]: SecurityCapabilities[K] } = {};

  if (environment.access) {
    capabilities.accessControl = new AccessControl(scope, 'access-control', {
      identityProvider: environment.access.identityProvider,
      groups: environment.access.groups,
      namespaces: namespaceClasses(environment),
      breakGlass: environment.access.breakGlass,
      dependsOn: namespaceResources(context, Object.keys(environment.namespaces)),
    });
  }

  if (environment.encryption) {
    const { storageClasses, ingressController, clinicalHosts } = environment.encryption;
    capabilities.encryption = new Encryption(scope, 'encryption', {
      storageClasses,
      ingressController: { ...ingressController, placement: context.placementFor('dmz'), atomic: true },
      clinicalHosts: clinicalHosts.map((entry) => ({
        host: entry.host,
        namespace: environment.clinicalSystems[entry.system]!.namespace,
        service: entry.system,
        port: entry.port,
        tlsSecret: entry.tlsSecret,
      })),
    });
    const ingressNamespace = context.namespaceResource(ingressController.namespace);
    if (ingressNamespace) capabilities.encryption.ingressController.node.addDependency(ingressNamespace);
    for (const ingress of capabilities.encryption.ingresses.values()) ingress.node.addDependency(capabilities.encryption.ingressController);
  }

  const intrusion = environment.intrusionDetection;
  if (intrusion) {
    const allSegments = Object.keys(environment.nodePools) as Segment[];
    const watched = intrusion.suricata.segments;
    const pools = watched.map((segment) => environment.nodePools[segment]);
    const medicalNamespaces = Object.entries(environment.namespaces)
      .filter(([, namespace]) => namespace.segment === 'medical')
      .map(([name]) => name);
    const securityNamespace = context.namespaceResource(intrusion.namespace);
    capabilities.intrusionDetection = new IntrusionDetection(scope, 'intrusion-detection', {
      namespace: intrusion.namespace,
      falco: {
        ...intrusion.falco,
        rules: { medicalNamespaces, databaseClientNamespaces: intrusion.falco.databaseClientNamespaces, medicalEgress: intrusion.falco.medicalEgress },
        tolerations: taintsOf(environment, allSegments),
        serviceMonitorLabels: { release: CHARTS.kubePrometheusStack.name },
        atomic: true,
      },
      suricata: {
        ...intrusion.suricata,
        // A watched segment without its own pool runs on the shared nodes: then every node is watched.
        nodeLabelSets: pools.every((pool) => pool !== undefined) ? pools.map((pool) => pool!.nodeLabels) : [],
        tolerations: taintsOf(environment, watched),
        timeZone: environment.timeZone,
      },
      dependsOn: securityNamespace ? [securityNamespace] : undefined,
    });
  }
  return capabilities;
}
