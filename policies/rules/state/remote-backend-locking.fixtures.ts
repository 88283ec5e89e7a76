import type { RuleFixtures } from '../fixtures';

const backend = (type: string, config: Record<string, unknown>) => ({ terraform: { backend: { [type]: config } } });

export const remoteBackendLockingFixtures: RuleFixtures = {
  ruleId: 'state/remote-backend-locking',
  pass: [
    { name: 's3 with lockfile in prod', terraform: backend('s3', { bucket: 'hospital-tfstate', key: 'prod.tfstate', region: 'cn-north-1', use_lockfile: true }) },
    { name: 'cos backend in staging', environment: 'staging', terraform: backend('cos', { bucket: 'tfstate-1250000000', prefix: 'staging' }) },
  ],
  fail: [
    { name: 'local state in prod', terraform: backend('local', { path: 'terraform.prod.tfstate' }), message: 'backend is local' },
    { name: 'no backend at all in dr', environment: 'dr', terraform: { resource: {} }, message: 'backend is local' },
    { name: 's3 without locking', environment: 'staging', terraform: backend('s3', { bucket: 'b', key: 'k', region: 'r' }), message: 'no state locking' },
  ],
};
