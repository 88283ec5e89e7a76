import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem, loadEnvironmentText } from '../../environments/load';
import { durationSeconds, monitoringSchema } from '../../environments/schema/monitoring';
import { REPO_ROOT } from '../support/environments';

const prod = fs.readFileSync(path.join(REPO_ROOT, 'environments', 'prod.yaml'), 'utf8');
/** prod.yaml with one line of its monitoring section replaced. */
const problemsWith = (from: string, to: string): string[] => {
  expect(prod).toContain(from);
  const result = loadEnvironmentText(prod.replace(from, to), { file: 'environments/prod.yaml', name: 'prod' });
  return result.ok ? [] : result.problems.map(formatProblem);
};
const endpoint = { url: 'https://hooks.example.org/x' };

describe('monitoring schema', () => {
  it('fills the operations plan defaults from a minimal section', () => {
    const config = monitoringSchema.parse({ alertmanager: { pager: endpoint, ticket: endpoint, chat: endpoint, deadMansSwitch: endpoint } });
    expect(config.storageClass).toBe('medical-encrypted');
    expect(config.alerts.registration).toMatchObject({
      deployment: 'registration',
      minAvailableReplicas: 5,
      latency: { thresholdSeconds: 1, matchers: { service: 'registration' } },
    });
    expect(config.alerts.labResultLatency.thresholdSeconds).toBe(0.5);
    expect(config.alerts.node.diskUsagePercent).toBe(80);
    expect(config.alerts.backup.maxAge).toEqual({ daily: '26h', weekly: '8d', monthly: '32d' });
    expect(config.alerts.backup.restoreDrillMaxAge).toBe('35d');
    expect(config.machineRoom.metrics).toMatchObject({ temperatureCelsius: 22, temperatureToleranceCelsius: 2, temperatureFor: '10m' });
    expect(config.alertmanager.timing).toEqual({
      P1: { groupWait: '10s', repeatInterval: '15m' },
      P2: { groupWait: '30s', repeatInterval: '1h' },
      P3: { groupWait: '30s', repeatInterval: '2h' },
    });
    expect(config.logs.applicationRetentionDays).toBe(180);
    expect(config.logs.streams.every((stream) => stream.retentionDays >= 3650)).toBe(true);
  });

  it('loads the shipped environments', () => {
    for (const name of ['dev', 'staging', 'prod', 'dr']) {
      const text = fs.readFileSync(path.join(REPO_ROOT, 'environments', `${name}.yaml`), 'utf8');
      const result = loadEnvironmentText(text, { file: `environments/${name}.yaml`, name });
      expect(result.ok ? 'ok' : result.problems.map(formatProblem)).toBe('ok');
      if (result.ok) expect(result.environment.monitoring).toBeDefined();
    }
  });

  it('names the file and key path of a credential in a URL', () => {
    expect(problemsWith('https://pager-gateway.hospital.internal/api/v1/prod/alerts', 'https://user:secret@pager-gateway.hospital.internal/x')).toEqual([
      expect.stringMatching(/^environments\/prod\.yaml:\d+: monitoring\.alertmanager\.pager\.url: expected a URL without user:password/),
    ]);
    expect(problemsWith('https://chat-bridge.hospital.internal/hooks/ops-prod', 'https://chat-bridge.hospital.internal/hooks?access_token=abc')).toEqual([
      expect.stringContaining('monitoring.alertmanager.chat.url: expected no credential in the query string'),
    ]);
  });

  it('rejects a repeat interval beyond the response time of the level and short application-log retention', () => {
    const config = {
      alertmanager: { pager: endpoint, ticket: endpoint, chat: endpoint, deadMansSwitch: endpoint, timing: { P1: { repeatInterval: '30m' } } },
      logs: { applicationRetentionDays: 90 },
    };
    const result = monitoringSchema.safeParse(config);
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'alertmanager.timing.P1.repeatInterval: expected at most 15m (incident level 1 response time), got 30m',
        'logs.applicationRetentionDays: expected at least 180 (six months, Cybersecurity Law), got 90',
      ]),
    );
  });

  it('rejects unknown keys and bad durations with the key path', () => {
    expect(problemsWith('    node: { diskUsagePercent: 80 }', '    node: { diskUsagePercent: 80, diskUsagePercentt: 85 }')).toEqual([
      expect.stringContaining('monitoring.alerts.node'),
    ]);
    expect(problemsWith('prometheus: { retention: 30d,', 'prometheus: { retention: 30days,')).toEqual([
      expect.stringContaining('monitoring.prometheus.retention: expected a Prometheus duration'),
    ]);
    expect(durationSeconds('1h30m')).toBe(5400);
  });
});
