import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, LocalBackend, PgBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { BackendConfig, ClusterConnection } from '../environments/schema';
import { KubernetesBackend } from './kubernetes-backend';

/** Both providers talk to the same cluster with the same credentials. */
export function addClusterProviders(stack: TerraformStack, cluster: ClusterConnection): void {
  if ('kubeconfig' in cluster) {
    const connection = { configPath: cluster.kubeconfig.path, configContext: cluster.kubeconfig.context };
    new KubernetesProvider(stack, 'kubernetes', connection);
    new HelmProvider(stack, 'helm', { kubernetes: connection });
    return;
  }
  const exec = { apiVersion: cluster.exec.apiVersion, command: cluster.exec.command, args: [...cluster.exec.args] };
  const endpoint = { host: cluster.host, clusterCaCertificate: Fn.file(cluster.caCertificateFile) };
  // The credential plugin reads its environment variables by their exact names (AWS_PROFILE), but
  // CDKTF writes the keys of the providers' `env` maps in snake case (aws_profile): with variables, the
  // exec block is written verbatim through an override.
  const env = { ...cluster.exec.env };
  const verbatim = Object.keys(env).length > 0;
  const kubernetes = new KubernetesProvider(stack, 'kubernetes', { ...endpoint, ...(verbatim ? {} : { exec: [exec] }) });
  const helm = new HelmProvider(stack, 'helm', { kubernetes: { ...endpoint, exec } });
  if (verbatim) {
    kubernetes.addOverride('exec', [{ api_version: exec.apiVersion, command: exec.command, args: exec.args, env }]);
    helm.addOverride('kubernetes.exec.env', env);
  }
}

/** Terraform state per environment; only dev keeps it on the engineer's disk. */
export function addStateBackend(stack: TerraformStack, backend: BackendConfig): void {
  switch (backend.type) {
    case 'local':
      // Relative to the stack's working folder (cdktf.out/stacks/<env>/): the state file lives at the
      // repository root, outside the folder synthesis replaces, and no machine path is baked in.
      new LocalBackend(stack, { path: `../../../${backend.path}` });
      return;
    case 'pg':
      new PgBackend(stack, { connStr: backend.connStr, schemaName: backend.schemaName });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: true,
        ...(backend.endpoint
          ? { endpoints: { s3: backend.endpoint }, usePathStyle: true, skipCredentialsValidation: true, skipRequestingAccountId: true }
          : {}),
        ...('dynamodbTable' in backend.lock ? { dynamodbTable: backend.lock.dynamodbTable } : {}),
      });
      if ('useLockfile' in backend.lock) stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'kubernetes':
      new KubernetesBackend(stack, backend);
      return;
  }
}
