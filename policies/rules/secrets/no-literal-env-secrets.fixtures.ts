import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

export const noLiteralEnvSecretsFixtures: RuleFixtures = {
  ruleId: 'secrets/no-literal-env-secrets',
  pass: [
    {
      name: 'password from a secret reference',
      terraform: workload('kubernetes_deployment_v1', 'billing', {
        containers: [
          hardenedContainer('app', {
            env: [
              { name: 'DB_HOST', value: 'billing-db.his.svc' },
              { name: 'DB_PASSWORD', value_from: { secret_key_ref: { name: 'billing-db', key: 'password' } } },
              { name: 'DB_PASSWORD_SECRET_NAME', value: 'billing-db' },
            ],
          }),
        ],
      }),
      message: 'no secret-named env variable has a literal value',
    },
    {
      name: 'blank password (whitespace only) is no literal secret',
      terraform: workload('kubernetes_deployment_v1', 'billing', { containers: [hardenedContainer('app', { env: [{ name: 'DB_PASSWORD', value: '  ' }] })] }),
    },
  ],
  fail: [
    {
      name: 'literal API token',
      terraform: workload('kubernetes_deployment_v1', 'lis', { containers: [hardenedContainer('app', { env: [{ name: 'LIS_API_TOKEN', value: 'tok-123456' }] })] }),
      message: 'LIS_API_TOKEN has a literal value',
    },
    {
      name: 'literal password in an init container',
      terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer('init', { env: { name: 'PGPASSWORD', value: 'postgres' } })] }),
      message: 'init_container[0].env[0] PGPASSWORD',
    },
    {
      name: 'reference words count whole: SETTLEMENT is no "ttl"',
      terraform: workload('kubernetes_deployment_v1', 'billing', { containers: [hardenedContainer('app', { env: [{ name: 'SETTLEMENT_DB_PASSWORD', value: 'billing-2026' }] })] }),
      message: 'SETTLEMENT_DB_PASSWORD has a literal value',
    },
    {
      name: 'reference words count whole: MOUNTAIN is no "mount"',
      terraform: workload('kubernetes_deployment_v1', 'billing', { containers: [hardenedContainer('app', { env: [{ name: 'MOUNTAIN_PASSWORD', value: 'alps' }] })] }),
      message: 'MOUNTAIN_PASSWORD has a literal value',
    },
  ],
  skip: [
    {
      name: 'workload without containers',
      terraform: workload('kubernetes_deployment_v1', 'placeholder', { containers: [] }),
      resource: 'kubernetes_deployment_v1.placeholder',
      message: 'no containers',
    },
  ],
};
