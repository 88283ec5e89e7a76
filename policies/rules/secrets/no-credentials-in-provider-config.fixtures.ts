import type { RuleFixtures } from '../fixtures';

const kubernetes = (config: Record<string, unknown>) => ({ provider: { kubernetes: [config] } });
const backend = (type: string, config: Record<string, unknown>) => ({ terraform: { backend: { [type]: config } } });

export const noCredentialsInProviderConfigFixtures: RuleFixtures = {
  ruleId: 'secrets/no-credentials-in-provider-config',
  pass: [
    {
      name: 'a kubeconfig context',
      terraform: kubernetes({ config_path: '~/.kube/config', config_context: 'hospital-prod' }),
      resource: 'provider.kubernetes',
      message: 'no credential',
    },
    {
      name: 'an exec plugin with a profile',
      terraform: kubernetes({
        host: 'https://api.prod.hospital.internal:6443',
        exec: {
          api_version: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', 'prod'],
          env: { AWS_PROFILE: 'hospital-prod' },
        },
      }),
      resource: 'provider.kubernetes',
    },
    {
      name: 'a kubernetes backend (secret_suffix names the state Secret)',
      terraform: backend('kubernetes', { secret_suffix: 'prod', namespace: 'terraform-state', config_context: 'hospital-prod' }),
      resource: 'terraform.backend',
    },
    {
      name: 'a pg backend without a password',
      terraform: backend('pg', { conn_str: 'postgres://terraform@state-db.hospital.internal/terraform_state?sslmode=verify-full', schema_name: 'prod' }),
      resource: 'terraform.backend',
    },
  ],
  fail: [
    {
      name: 'a provider token',
      terraform: kubernetes({ host: 'https://api.prod.hospital.internal:6443', token: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.payload.signature' }),
      resource: 'provider.kubernetes',
      message: 'token holds a literal credential',
    },
    {
      name: 'a client key',
      resource: 'provider.kubernetes',
      terraform: kubernetes({
        host: 'https://api.prod.hospital.internal:6443',
        client_key: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      }),
      message: 'client_key holds a literal credential',
    },
    {
      name: 'a host with user:password',
      resource: 'provider.kubernetes',
      terraform: kubernetes({ host: 'https://admin:S3cret@api.prod.hospital.internal:6443' }),
      message: 'carries a password in its userinfo',
    },
    {
      name: 'cloud keys in the exec env',
      resource: 'provider.kubernetes',
      terraform: kubernetes({
        exec: {
          command: 'aws',
          args: ['eks', 'get-token'],
          env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
        },
      }),
      message: 'AWS_SECRET_ACCESS_KEY holds a literal credential',
    },
    {
      name: 'a token passed as an exec argument',
      resource: 'provider.kubernetes',
      terraform: kubernetes({ exec: { command: 'kubelogin', args: ['get-token', '--password', 'S3cret!'] } }),
      message: 'passes a literal credential',
    },
    {
      name: 'a helm provider password',
      terraform: { provider: { helm: [{ kubernetes: { host: 'https://api:6443', password: 'S3cret!' } }] } },
      resource: 'provider.helm',
      message: 'password holds a literal credential',
    },
    {
      name: 'a pg backend with a password in the URL',
      terraform: backend('pg', { conn_str: 'postgres://terraform:S3cret@state-db/terraform_state' }),
      resource: 'terraform.backend',
      message: 'carries a password in its userinfo',
    },
    {
      name: 'a pg backend with a percent-encoded password parameter',
      terraform: backend('pg', { conn_str: 'postgres://state-db/terraform_state?user=terraform&%70assword=S3cret' }),
      message: 'carries the query parameter "password"',
    },
    {
      name: 'a pg backend with a keyword password',
      terraform: backend('pg', { conn_str: 'host=state-db dbname=terraform_state user=terraform password = S3cret' }),
      message: 'password',
    },
    {
      name: 's3 backend keys',
      terraform: backend('s3', {
        bucket: 'state',
        key: 'prod.tfstate',
        region: 'cn-north-1',
        access_key: 'AKIAIOSFODNN7EXAMPLE',
        secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      }),
      message: 'secret_key holds a literal credential',
    },
  ],
};
