import type { RuleFixtures } from '../fixtures';

const backend = (type: string, config: Record<string, unknown>) => ({ terraform: { backend: { [type]: config } } });

export const remoteBackendLockingFixtures: RuleFixtures = {
  ruleId: 'state/remote-backend-locking',
  pass: [
    {
      name: 's3 with lockfile in prod',
      terraform: backend('s3', { bucket: 'hospital-tfstate', key: 'prod.tfstate', region: 'cn-north-1', use_lockfile: true }),
      message: 'remote backend "s3" with locking',
    },
    {
      name: 's3 with lockfile given as the string "true"',
      terraform: backend('s3', { bucket: 'hospital-tfstate', key: 'prod.tfstate', region: 'cn-north-1', use_lockfile: 'true' }),
      message: 'remote backend "s3" with locking',
    },
    {
      name: 's3 locking through a DynamoDB table',
      terraform: backend('s3', { bucket: 'hospital-tfstate', key: 'prod.tfstate', region: 'cn-north-1', dynamodb_table: 'tfstate-locks' }),
      message: 'remote backend "s3" with locking',
    },
    {
      name: 'http backend with a lock address',
      terraform: backend('http', { address: 'https://state.hospital.internal/prod', lock_address: 'https://state.hospital.internal/prod/lock' }),
    },
    {
      name: 'cos backend in staging',
      environment: 'staging',
      terraform: backend('cos', { bucket: 'tfstate-1250000000', prefix: 'staging' }),
      message: 'remote backend "cos" locks state',
    },
  ],
  fail: [
    { name: 'local state in prod', terraform: backend('local', { path: 'terraform.prod.tfstate' }), message: 'backend is local: prod keeps its state' },
    { name: 'no backend at all in dr', environment: 'dr', terraform: { resource: {} }, message: 'backend is local' },
    {
      name: 's3 without locking',
      environment: 'staging',
      terraform: backend('s3', { bucket: 'b', key: 'k', region: 'r' }),
      message: 'no state locking (set `use_lockfile = true` or `dynamodb_table`)',
    },
    {
      name: 's3 with use_lockfile false',
      terraform: backend('s3', { bucket: 'b', key: 'k', region: 'r', use_lockfile: false }),
      message: 'backend "s3" has no state locking',
    },
    {
      name: 'oss without a TableStore table',
      terraform: backend('oss', { bucket: 'hospital-tfstate', prefix: 'prod' }),
      message: 'no state locking (set `tablestore_table`)',
    },
    {
      name: 'backend that cannot lock',
      terraform: backend('artifactory', { url: 'https://artifactory.hospital.internal', repo: 'tfstate' }),
      message: 'backend "artifactory" does not lock state',
    },
  ],
  skip: [
    {
      name: 'a child module folder declares no backend',
      environment: 'modules',
      terraform: { resource: { kubernetes_namespace_v1: { his: { metadata: { name: 'his' } } } } },
      message: 'no backend block: a module',
    },
    {
      name: 'local state in dev',
      environment: 'dev',
      terraform: backend('local', { path: 'terraform.dev.tfstate' }),
      message: 'dev may keep local state (backend "local")',
    },
  ],
};
