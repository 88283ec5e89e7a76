import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

const withEnv = (env: Record<string, unknown>[]) => workload('kubernetes_deployment_v1', 'emr', { containers: [hardenedContainer('app', { env })] });

export const noLiteralEnvSecretsFixtures: RuleFixtures = {
  ruleId: 'secrets/no-literal-env-secrets',
  pass: [
    {
      name: 'a database URL without a password, and one composed from a referenced password',
      terraform: withEnv([
        { name: 'DATABASE_URL', value: 'postgresql://emr@emr-db.clinical-data:5432/emr?sslmode=verify-full' },
        { name: 'DB_PASSWORD', value_from: { secret_key_ref: { name: 'emr-db', key: 'password' } } },
        { name: 'DATABASE_DSN', value: 'postgresql://emr:$(DB_PASSWORD)@emr-db:5432/emr' },
        { name: 'TOKEN_URL', value: 'https://sso.hospital.internal/oauth2/token' },
        { name: 'MYSQL_PWD_FILE', value: '/run/secrets/db/password' },
      ]),
      message: 'no env variable carries a literal credential',
    },
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
      message: 'no env variable carries a literal credential',
    },
    {
      name: 'blank password (whitespace only) is no literal secret',
      terraform: workload('kubernetes_deployment_v1', 'billing', { containers: [hardenedContainer('app', { env: [{ name: 'DB_PASSWORD', value: '  ' }] })] }),
    },
  ],
  fail: [
    {
      name: 'MYSQL_PWD (the word after an underscore)',
      terraform: withEnv([{ name: 'MYSQL_PWD', value: 'S3cret!' }]),
      message: 'env[0] MYSQL_PWD has a literal value',
    },
    {
      name: 'PGPASSWORD (one word ending in password)',
      terraform: withEnv([{ name: 'PGPASSWORD', value: 'S3cret!' }]),
      message: 'PGPASSWORD has a literal value',
    },
    { name: 'KEYSTORE_PASS', terraform: withEnv([{ name: 'KEYSTORE_PASS', value: 'changeit' }]), message: 'KEYSTORE_PASS has a literal value' },
    {
      name: 'an access key',
      terraform: withEnv([{ name: 'S3_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }]),
      message: 'S3_SECRET_ACCESS_KEY has a literal value',
    },
    {
      name: 'DATABASE_URL with user:password',
      terraform: withEnv([{ name: 'DATABASE_URL', value: 'postgresql://emr:S3cret@emr-db:5432/emr' }]),
      message: 'env[0] DATABASE_URL: URL postgresql://emr-db:5432 carries a password in its userinfo',
    },
    {
      name: 'a Redis URL with only a password',
      terraform: withEnv([{ name: 'CACHE', value: 'redis://:r3dis@cache:6379/0' }]),
      message: 'carries a password in its userinfo',
    },
    { name: 'a Go MySQL DSN', terraform: withEnv([{ name: 'DSN', value: 'his:S3cret@tcp(his-db:3306)/his' }]), message: 'a MySQL DSN' },
    {
      name: 'a webhook URL with its token in the path',
      terraform: withEnv([{ name: 'ALERT_HOOK', value: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' }]),
      message: 'Slack',
    },
    {
      name: 'literal API token',
      terraform: workload('kubernetes_deployment_v1', 'lis', {
        containers: [hardenedContainer('app', { env: [{ name: 'LIS_API_TOKEN', value: 'tok-123456' }] })],
      }),
      message: 'LIS_API_TOKEN has a literal value',
    },
    {
      name: 'literal password in an init container',
      terraform: workload('kubernetes_job_v1', 'migrate', {
        initContainers: [hardenedInitContainer('init', { env: { name: 'PGPASSWORD', value: 'postgres' } })],
      }),
      message: 'init_container[0].env[0] PGPASSWORD',
    },
    {
      name: 'reference words count whole: SETTLEMENT is no "ttl"',
      terraform: workload('kubernetes_deployment_v1', 'billing', {
        containers: [hardenedContainer('app', { env: [{ name: 'SETTLEMENT_DB_PASSWORD', value: 'billing-2026' }] })],
      }),
      message: 'SETTLEMENT_DB_PASSWORD has a literal value',
    },
    {
      name: 'reference words count whole: MOUNTAIN is no "mount"',
      terraform: workload('kubernetes_deployment_v1', 'billing', {
        containers: [hardenedContainer('app', { env: [{ name: 'MOUNTAIN_PASSWORD', value: 'alps' }] })],
      }),
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
