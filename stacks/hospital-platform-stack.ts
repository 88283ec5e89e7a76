import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig, Segment } from '../environments/schema';
import type { ClinicalService } from '../constructs/clinical-service';
import type { Placement } from '../constructs/restricted-workload';
import { SegmentNamespace } from '../constructs/segment-namespace';
import { addClinicalData } from './capabilities/clinical-data';
import { addClinicalSystems } from './capabilities/clinical-systems';
import type { CapabilityContext } from './capabilities/context';
import { addMonitoring } from './capabilities/monitoring';
import { addNetworkIsolation } from './capabilities/network';
import { addSecurityCapabilities, type SecurityCapabilities } from './capabilities/security';
import { addClusterProviders, addStateBackend } from './providers';

/**
 * One environment: one cluster, one Terraform state. Composition only: each capability's mapper in
 * `capabilities/` turns the environment's section into its construct's props. Reads top to bottom as
 * the operations plan does: trust zones first, then the clinical systems that run in them, then the
 * capabilities that protect, observe and recover them.
 */
export class HospitalPlatformStack extends TerraformStack {
  readonly environment: EnvironmentConfig;
  readonly namespaces = new Map<string, SegmentNamespace>();
  readonly clinicalServices: ReadonlyMap<string, ClinicalService>;
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
    const context: CapabilityContext = {
      scope: this,
      namespaceResource: (name) => this.namespaces.get(name)?.namespace,
      placementFor: (segment) => this.placementFor(segment),
    };

    addNetworkIsolation(context, environment);
    this.clinicalServices = addClinicalSystems(context, environment);
    addMonitoring(context, environment);
    this.security = addSecurityCapabilities(context, environment);
    addClinicalData(context, environment);
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
