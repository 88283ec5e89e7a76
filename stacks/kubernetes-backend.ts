import { TerraformBackend, TerraformRemoteState, type DataTerraformRemoteStateConfig } from 'cdktf';
import type { Construct } from 'constructs';

export interface KubernetesBackendProps {
  readonly secretSuffix: string;
  readonly namespace: string;
  readonly configPath: string;
  readonly configContext: string;
}

/**
 * Terraform's `kubernetes` backend (state in a Secret, locked by a Lease), which CDKTF ships no class
 * for. A real backend element, not an override, so CDKTF does not also add its default local backend.
 */
export class KubernetesBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly props: KubernetesBackendProps,
  ) {
    super(scope, 'backend', 'kubernetes');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      secret_suffix: this.props.secretSuffix,
      namespace: this.props.namespace,
      config_path: this.props.configPath,
      config_context: this.props.configContext,
    };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return this.synthesizeAttributes();
  }

  getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new DataTerraformRemoteStateKubernetes(scope, name, {
      secret_suffix: this.props.secretSuffix,
      namespace: this.props.namespace,
      config_path: this.props.configPath,
      config_context: this.props.configContext,
    });
  }
}

class DataTerraformRemoteStateKubernetes extends TerraformRemoteState {
  constructor(scope: Construct, id: string, config: DataTerraformRemoteStateConfig & Record<string, unknown>) {
    super(scope, id, 'kubernetes', config);
  }
}
