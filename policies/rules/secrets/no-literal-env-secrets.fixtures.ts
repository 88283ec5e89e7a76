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
  ],
};
