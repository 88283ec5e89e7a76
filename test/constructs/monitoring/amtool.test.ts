/**
 * Alertmanager routing checked with the real amtool 0.25: the shipped config loads, and every incident
 * level, the Watchdog and an unmatched alert reach the receiver the operations plan names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { StackArtifacts } from '../../../constructs/artifacts';
import { shippedEnvironment, synthEnvironment } from '../../support/synth';
import { requireTool, run } from './tools';
import { tempDir } from '../../support/temp-dir';

const ENVIRONMENTS = ['dev', 'staging', 'prod', 'dr'] as const;

const ROUTES: readonly { readonly labels: readonly string[]; readonly receiver: string }[] = [
  { labels: ['alertname=CoreSystemDown', 'severity=P1', 'system=emr'], receiver: 'oncall-p1' },
  { labels: ['alertname=RegistrationLatencyHigh', 'severity=P2', 'system=registration'], receiver: 'ops-p2' },
  { labels: ['alertname=NodeDiskUsageHigh', 'severity=P3', 'system=infrastructure'], receiver: 'ops-p3' },
  { labels: ['alertname=Watchdog', 'severity=none'], receiver: 'dead-mans-switch' },
  { labels: ['alertname=KubePodCrashLooping', 'severity=warning'], receiver: 'ops-p3' },
  { labels: ['alertname=SomethingWithoutSeverity'], receiver: 'ops-p3' },
];

// Each environment is synthesized once per file; on a loaded machine that alone can take a minute.
jest.setTimeout(240_000);

describe('Alertmanager routing with amtool', () => {
  const amtool = requireTool('amtool');
  const workDir = tempDir('amtool-');
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const files = new Map<string, string>();
  const configFile = (environment: string): string => {
    let file = files.get(environment);
    if (!file) {
      const { stack } = synthEnvironment(shippedEnvironment(environment));
      const text = StackArtifacts.of(stack).entries().get('alertmanager.yaml');
      if (!text) throw new Error(`${environment}: no alertmanager.yaml artifact`);
      file = path.join(workDir, `${environment}-alertmanager.yaml`);
      fs.writeFileSync(file, text);
      files.set(environment, file);
    }
    return file;
  };

  it.each(ENVIRONMENTS)('%s: amtool check-config accepts alertmanager.yaml', (environment) => {
    const file = configFile(environment);
    if (!amtool) return;
    const result = run(amtool, ['check-config', file], workDir);
    if (result.status !== 0) throw new Error(result.output);
    expect(result.output).toContain('SUCCESS');
  });

  it.each(ENVIRONMENTS)('%s: every severity, the Watchdog and unmatched alerts reach their receiver', (environment) => {
    const file = configFile(environment);
    if (!amtool) return;
    for (const route of ROUTES) {
      const result = run(amtool, ['config', 'routes', 'test', `--config.file=${file}`, `--verify.receivers=${route.receiver}`, ...route.labels], workDir);
      expect({ labels: route.labels, output: result.stdout.trim(), status: result.status }).toEqual({
        labels: route.labels,
        output: route.receiver,
        status: 0,
      });
    }
  });

  it.each(ENVIRONMENTS)('%s: a wrong receiver expectation fails (the route test is not vacuous)', (environment) => {
    const file = configFile(environment);
    if (!amtool) return;
    const result = run(
      amtool,
      ['config', 'routes', 'test', `--config.file=${file}`, '--verify.receivers=ops-p3', 'alertname=CoreSystemDown', 'severity=P1'],
      workDir,
    );
    expect(result.status).not.toBe(0);
  });

  it.each(ENVIRONMENTS)('%s: timing per incident level, P1 inhibits P2/P3 of the same system, no secret in the file', (environment) => {
    const file = configFile(environment);
    const text = fs.readFileSync(file, 'utf8');
    const config = parse(text) as {
      route: { receiver: string; routes: { receiver: string; group_wait: string; repeat_interval: string }[] };
      inhibit_rules: unknown[];
      receivers: { name: string; webhook_configs: { url: string; http_config?: Record<string, Record<string, string>> }[] }[];
    };
    const seconds = (d: string): number => Number(/^(\d+)([smh])$/.exec(d)![1]) * { s: 1, m: 60, h: 3600 }[/^(\d+)([smh])$/.exec(d)![2] as 's' | 'm' | 'h'];
    const limits = { 'oncall-p1': 15 * 60, 'ops-p2': 3600, 'ops-p3': 7200 } as const;
    for (const [receiver, maxRepeat] of Object.entries(limits)) {
      const route = config.route.routes.find((candidate) => candidate.receiver === receiver)!;
      expect(seconds(route.group_wait)).toBeLessThanOrEqual(30);
      expect(seconds(route.repeat_interval)).toBeLessThanOrEqual(maxRepeat);
    }
    expect(config.route.receiver).toBe('ops-p3');
    expect(config.inhibit_rules).toEqual([{ source_matchers: ['severity="P1"'], target_matchers: ['severity=~"P2|P3"'], equal: ['system'] }]);
    for (const receiver of config.receivers) {
      for (const webhook of receiver.webhook_configs) {
        expect(new URL(webhook.url).username).toBe('');
        const auth = webhook.http_config?.authorization ?? webhook.http_config?.basic_auth;
        if (auth) expect(Object.keys(auth).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/_file$/)]));
        if (auth) expect(Object.keys(auth).filter((key) => ['credentials', 'password'].includes(key))).toEqual([]);
      }
    }
    expect(text).not.toMatch(/url_file|bearer_token:|password:|credentials:/);
  });
});
