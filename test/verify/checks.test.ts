import type { V1CronJob, V1Deployment, V1NetworkPolicy, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { judgeCronJob } from '../../verify/checks/backup-freshness';
import { isDefaultDeny } from '../../verify/checks/default-deny';
import { checkRegistrationAutoscaling } from '../../verify/checks/registration-autoscaling';
import type { ClusterReader } from '../../verify/cluster';

const policy = (spec: V1NetworkPolicy['spec']): V1NetworkPolicy => ({ metadata: { name: 'any-name', namespace: 'his' }, spec });

describe('isDefaultDeny', () => {
  it('accepts an empty podSelector isolating both directions with no rules, whatever its name', () => {
    expect(isDefaultDeny(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }))).toBe(true);
    expect(isDefaultDeny(policy({ podSelector: { matchLabels: {} }, policyTypes: ['Egress', 'Ingress'], ingress: [], egress: [] }))).toBe(true);
  });

  it('rejects a policy that isolates one direction only', () => {
    expect(isDefaultDeny(policy({ podSelector: {}, policyTypes: ['Ingress'] }))).toBe(false);
  });

  it('rejects a policy that selects only some pods', () => {
    expect(isDefaultDeny(policy({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'] }))).toBe(false);
    expect(isDefaultDeny(policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, policyTypes: ['Ingress', 'Egress'] }))).toBe(false);
  });

  it('rejects a policy that allows something (an empty rule allows everything)', () => {
    expect(isDefaultDeny(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}] }))).toBe(false);
    expect(isDefaultDeny(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }))).toBe(false);
  });
});

const cronJob = (overrides: {
  schedule: string;
  timeZone?: string;
  deadline?: number;
  lastSuccess?: string;
  created?: string;
  suspend?: boolean;
}): V1CronJob => ({
  metadata: { name: 'emr-db-backup', namespace: 'emr', creationTimestamp: new Date(overrides.created ?? '2026-01-01T00:00:00Z') },
  spec: {
    schedule: overrides.schedule,
    timeZone: overrides.timeZone,
    suspend: overrides.suspend,
    jobTemplate: { spec: { template: {}, activeDeadlineSeconds: overrides.deadline } },
  },
  status: overrides.lastSuccess ? { lastSuccessfulTime: new Date(overrides.lastSuccess) } : {},
});

describe('judgeCronJob', () => {
  // 02:00 in Shanghai is 18:00 UTC the day before.
  const daily = { schedule: '0 2 * * *', timeZone: 'Asia/Shanghai', deadline: 3600 };

  it("reads the schedule in the CronJob's own time zone", () => {
    const lastSuccess = '2026-11-25T18:20:00Z';
    expect(judgeCronJob(cronJob({ ...daily, lastSuccess }), new Date('2026-11-26T03:30:00Z')).status).toBe('pass');
    // Read as UTC, the 02:00 run of the 26th would already be due and missed.
    expect(judgeCronJob(cronJob({ ...daily, timeZone: 'UTC', lastSuccess }), new Date('2026-11-26T03:30:00Z')).status).toBe('fail');
  });

  it('gives a run its active deadline before calling it missed', () => {
    const yesterdaysSuccess = '2026-11-24T18:20:00Z';
    // 18:30 UTC: tonight's 18:00 UTC run may still be running (deadline 19:00), so yesterday's success is enough.
    expect(judgeCronJob(cronJob({ ...daily, lastSuccess: yesterdaysSuccess }), new Date('2026-11-25T18:30:00Z')).status).toBe('pass');
    const late = judgeCronJob(cronJob({ ...daily, lastSuccess: yesterdaysSuccess }), new Date('2026-11-25T19:00:01Z'));
    expect(late).toMatchObject({ status: 'fail', detail: expect.stringContaining('the run of 2026-11-25T18:00:00Z was due by 2026-11-25T19:00:00Z') });
  });

  it('uses one hour of grace when the job sets no active deadline', () => {
    const noDeadline = { schedule: '0 * * * *', timeZone: 'UTC', lastSuccess: '2026-11-25T09:10:00Z' };
    expect(judgeCronJob(cronJob(noDeadline), new Date('2026-11-25T10:59:00Z')).status).toBe('pass');
    expect(judgeCronJob(cronJob(noDeadline), new Date('2026-11-25T11:01:00Z')).status).toBe('fail');
  });

  it('fails a CronJob that never succeeded once a run was due, and passes a new one before its first run', () => {
    expect(judgeCronJob(cronJob({ ...daily }), new Date('2026-11-26T02:00:00Z'))).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^never succeeded/),
    });
    expect(judgeCronJob(cronJob({ ...daily, created: '2026-11-25T20:00:00Z' }), new Date('2026-11-26T02:00:00Z'))).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('no run due yet'),
    });
  });

  it('fails a suspended CronJob and one whose schedule cannot be read', () => {
    expect(judgeCronJob(cronJob({ ...daily, suspend: true, lastSuccess: '2026-11-25T18:20:00Z' }), new Date('2026-11-26T02:00:00Z')).status).toBe('fail');
    expect(judgeCronJob(cronJob({ schedule: 'every night', timeZone: 'UTC' }), new Date('2026-11-26T02:00:00Z'))).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('cannot evaluate schedule "every night"'),
    });
  });
});

/** Only the two reads the autoscaling check makes; the rest would be a test bug. */
function readerWith(hpa: V2HorizontalPodAutoscaler, deployment: V1Deployment): ClusterReader {
  const unused = () => Promise.reject(new Error('not used by this check'));
  return {
    server: 'memory',
    readHorizontalPodAutoscaler: async () => hpa,
    readDeployment: async () => deployment,
    listDeployments: unused,
    listNamespaces: unused,
    listNetworkPolicies: unused,
    listCronJobs: unused,
    listPods: unused,
  };
}

describe('checkRegistrationAutoscaling', () => {
  const expected = { namespace: 'his', name: 'registration', minReplicas: 5, maxReplicas: 10 };
  const target = { kind: 'Deployment', name: 'registration', apiVersion: 'apps/v1' };

  it('fails bounds that differ from the plan and too few ready pods', async () => {
    const results = await checkRegistrationAutoscaling(
      readerWith({ spec: { minReplicas: 2, maxReplicas: 10, scaleTargetRef: target } }, { status: { readyReplicas: 3 } }),
      expected,
    );
    expect(results).toEqual([
      { check: 'registration-hpa', subject: 'his/registration', status: 'fail', detail: 'spec scales 2→10, expected 5→10' },
      { check: 'registration-ready', subject: 'his/registration', status: 'fail', detail: 'status.readyReplicas is 3, expected ≥ 5' },
    ]);
  });

  it('reads an omitted minReplicas as the API default of 1', async () => {
    const [bounds] = await checkRegistrationAutoscaling(
      readerWith({ spec: { maxReplicas: 10, scaleTargetRef: target } }, { status: { readyReplicas: 5 } }),
      expected,
    );
    expect(bounds?.detail).toBe('spec scales 1→10, expected 5→10');
  });
});
