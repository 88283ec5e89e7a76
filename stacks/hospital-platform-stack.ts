import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { REGISTRATION_SYSTEM, type EnvironmentConfig, type Segment } from '../environments/schema';
import { ClinicalDataStores, clinicalDataStoresProps } from '../constructs/backup/clinical-data-stores';
import { ClinicalService } from '../constructs/clinical-service';
import { Monitoring } from '../constructs/monitoring';
import { NetworkIsolation } from '../constructs/network-isolation';
import { Registration } from '../constructs/registration';
import type { Placement } from '../constructs/restricted-workload';
import { SegmentNamespace } from '../constructs/segment-namespace';
import { addClusterProviders, addStateBackend } from './providers';
import { addSecurityCapabilities, type SecurityCapabilities } from './security';

/**
 * One environment: one cluster, one Terraform state. Reads top to bottom as the operations plan does:
 * trust zones first, then the clinical systems that run in them, then the capabilities that protect,
 * observe and recover them.
 */
export class HospitalPlatformStack extends TerraformStack {
  readonly environment: EnvironmentConfig;
  readonly namespaces = new Map<string, SegmentNamespace>();
  readonly clinicalServices = new Map<string, ClinicalService>();
  /** Access control, encryption and intrusion detection (each present when its section is declared). */
  readonly security: SecurityCapabilities;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, environment.name);
    this.environment = environment;
    addClusterProviders(this, environment.cluster);
    addStateBackend(this, environment.backend);

    for (const [name, namespace] of Object.entries(environment.namespaces)) {
      this.namespaces.set(name, new SegmentNamespace(this, `namespace-${name}`, { name, ...namespace }));
    }

    // Default deny in every namespace, DNS, the guest segment's limits and the declared flows.
    if (environment.networkFlows) {
      new NetworkIsolation(this, 'network-isolation', {
        namespaces: [...this.namespaces].map(([name, namespace]) => ({ name, segment: environment.namespaces[name]!.segment, reference: namespace.namespace.metadata.name })),
        config: environment.networkFlows,
      });
    }

    for (const [name, system] of Object.entries(environment.clinicalSystems)) {
      const segment = environment.namespaces[system.namespace]!.segment;
      const common = { ...system, name, segment, placement: this.placementFor(segment) };
      const service =
        name === REGISTRATION_SYSTEM
          ? new Registration(this, `system-${name}`, common)
          : new ClinicalService(this, `system-${name}`, common);
      service.node.addDependency(this.namespaces.get(system.namespace)!.namespace);
      this.clinicalServices.set(name, service);
    }

    if (environment.monitoring) {
      const monitoringNamespace = this.namespaces.get(environment.monitoring.namespace);
      new Monitoring(this, 'monitoring', {
        config: environment.monitoring,
        systems: Object.entries(environment.clinicalSystems).map(([name, system]) => ({ name, namespace: system.namespace, core: system.core })),
        registrationReplicas: environment.clinicalSystems[REGISTRATION_SYSTEM]?.autoscaling,
        placement: this.placementFor('management'),
        dependsOn: monitoringNamespace ? [monitoringNamespace.namespace] : [],
      });
    }

    this.security = addSecurityCapabilities(this);

    // Clinical databases with their backups, off-site copies, archive and restore drills.
    const dataNamespaces = [...new Set(Object.values(environment.dataStores).map((store) => store.namespace))];
    new ClinicalDataStores(this, 'clinical-data-stores', clinicalDataStoresProps(environment, (segment) => this.placementFor(segment), dataNamespaces.map((name) => this.namespaces.get(name)!.namespace)));
  }

  /**
   * CDKTF's prepare pass resolves every element of the stack once more, only to discover references
   * between stacks (and to add a local backend when none is configured). An environment's stack never
   * references another — they are synthesized by separate apps, in batches and worker processes, which
   * such a reference would break — and each configures its backend; so the pass is left out. It was
   * nearly half of synthesis. test/stacks/prepare-pass.test.ts proves the output is the same with it.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * A segment's workloads select its node pool and tolerate only its taint: guest pods land on guest
   * nodes only, and nothing else ever tolerates the guest taint.
   */
  placementFor(segment: Segment): Placement {
    const pool = this.environment.nodePools[segment];
    return {
      nodeSelector: { ...(pool?.nodeLabels ?? {}) },
      tolerations: pool?.taint ? [pool.taint] : [],
    };
  }
}
