import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { type RecordedApiServer, recordedKubeconfig, startRecordedApiServer } from './recorded-api-server';
import { tempDir } from '../support/temp-dir';

const run = promisify(execFile);
const repository = path.resolve(__dirname, '../..');
const fixtures = path.join(__dirname, 'fixtures');
/** The recordings were taken at 10:00 Asia/Shanghai on 26 November 2026. */
const RECORDED_AT = '2026-11-26T02:00:00Z';

interface CommandOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run verify`'s script exactly as package.json does, with environments from `environmentsDir`. */
async function verify(environmentsDir: string, ...args: string[]): Promise<CommandOutcome> {
  try {
    const { stdout, stderr } = await run(path.join(repository, 'node_modules/.bin/tsx'), ['cli/verify.ts', ...args], {
      cwd: repository,
      env: { ...process.env, PLATFORM_ENVIRONMENTS_DIR: environmentsDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** An environments folder whose `dev.yaml` points at `kubeconfigPath`. */
function environmentsFolder(kubeconfigPath: string): string {
  const directory = tempDir('verify-env-');
  const template = fs.readFileSync(path.join(fixtures, 'environment.yaml'), 'utf8');
  fs.writeFileSync(path.join(directory, 'dev.yaml'), template.replace('path: KUBECONFIG_PATH', `path: ${kubeconfigPath}`));
  return directory;
}

async function scenario(name: 'healthy' | 'unhealthy') {
  const server = await startRecordedApiServer(path.join(fixtures, name));
  const kubeconfig = path.join(tempDir('verify-kubeconfig-'), 'config');
  fs.writeFileSync(kubeconfig, recordedKubeconfig(server.url));
  return { server, environments: environmentsFolder(kubeconfig) };
}

const rowsOf = (table: string) =>
  table
    .split('\n')
    .filter((line) => / (PASS|FAIL) /.test(line))
    .map((line) => line.split(/\s{2,}/));

describe('npm run verify against recorded healthy responses', () => {
  let server: RecordedApiServer;
  let table: CommandOutcome;
  let json: CommandOutcome;

  beforeAll(async () => {
    const healthy = await scenario('healthy');
    server = healthy.server;
    [table, json] = await Promise.all([
      verify(healthy.environments, '--env', 'dev', '--now', RECORDED_AT),
      verify(healthy.environments, '--env', 'dev', '--now', RECORDED_AT, '--format', 'json'),
    ]);
  });
  afterAll(() => server.close());

  it('exits 0 with every row passing', () => {
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const rows = rowsOf(table.stdout);
    expect(rows.map(([check, subject, status]) => `${status} ${check} ${subject}`)).toEqual([
      'PASS registration-hpa his/registration',
      'PASS registration-ready his/registration',
      'PASS core-available his/billing',
      'PASS core-available his/registration',
      'PASS core-available lis/lis',
      'PASS default-deny guest-services',
      'PASS default-deny his',
      'PASS default-deny lis',
      'PASS backup-recent his/his-db-backup-full',
      'PASS backup-recent his/his-db-backup-incremental',
      'PASS backup-recent lis/lis-db-backup-full',
      'PASS backup-recent lis/lis-db-backup-incremental',
      'PASS falco-running app.kubernetes.io/name=falco',
      'PASS suricata-running app.kubernetes.io/name=suricata',
    ]);
    expect(table.stdout).toContain('dev: all 14 checks passed');
  });

  it('judges default-deny by meaning: a policy named deny-all counts', () => {
    expect(rowsOf(table.stdout)).toContainEqual(['default-deny', 'lis', 'PASS', 'denied by deny-all']);
  });

  it('follows the continue token to the second page of Falco pods', () => {
    // Two runs (table and JSON), each asking for the first page and then for the rest.
    const falcoRequests = server.served.filter((request) => request.includes('name=falco'));
    expect(falcoRequests).toHaveLength(4);
    expect(falcoRequests.filter((request) => /[?&]continue=eyJ/.test(request))).toHaveLength(2);
    expect(rowsOf(table.stdout)).toContainEqual([
      'falco-running',
      'app.kubernetes.io/name=falco',
      'PASS',
      '3/3 pods running and ready on node-a1, node-b2, node-c3',
    ]);
  });

  it('asks only for what the recording holds', () => {
    expect(server.unmatched).toEqual([]);
  });

  it('prints the same results as JSON', () => {
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      environment: 'dev',
      server: server.url,
      checkedAt: '2026-11-26T02:00:00.000Z',
      passed: true,
      summary: { pass: 14, fail: 0 },
    });
    expect(report.results[0]).toEqual({ check: 'registration-hpa', subject: 'his/registration', status: 'pass', detail: 'scales 5→10' });
  });
});

describe('npm run verify against recorded unhealthy responses', () => {
  let server: RecordedApiServer;
  let table: CommandOutcome;
  let json: CommandOutcome;

  beforeAll(async () => {
    const unhealthy = await scenario('unhealthy');
    server = unhealthy.server;
    [table, json] = await Promise.all([
      verify(unhealthy.environments, '--env', 'dev', '--now', RECORDED_AT),
      verify(unhealthy.environments, '--env', 'dev', '--now', RECORDED_AT, '--format', 'json'),
    ]);
  });
  afterAll(() => server.close());

  it('exits 1 and names each failure in the table', () => {
    expect(table.code).toBe(1);
    expect(table.stderr).toBe('');
    const failures = rowsOf(table.stdout).filter(([, , status]) => status === 'FAIL');
    expect(failures).toEqual([
      [
        'registration-hpa',
        'his/registration',
        'FAIL',
        'get HorizontalPodAutoscaler his/registration: HTTP 404 NotFound: horizontalpodautoscalers.autoscaling "registration" not found',
      ],
      ['core-available', 'his/billing', 'FAIL', 'Available=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.); 0/2 pods ready'],
      ['default-deny', 'guest-services', 'FAIL', 'no NetworkPolicy with an empty podSelector, policyTypes [Ingress, Egress] and no rules'],
      [
        'default-deny',
        'lis',
        'FAIL',
        'list NetworkPolicies in namespace lis: HTTP 403 Forbidden: networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:platform-ci:post-deploy-verify" cannot list resource "networkpolicies" in API group "networking.k8s.io" in the namespace "lis"',
      ],
      ['backup-recent', 'his/his-db-backup-incremental', 'FAIL', 'suspended (schedule "0 2 * * *" Asia/Shanghai)'],
      [
        'backup-recent',
        'lis/lis-db-backup-incremental',
        'FAIL',
        'last success 2026-11-23T18:51:12Z; the run of 2026-11-25T18:00:00Z was due by 2026-11-25T20:00:00Z (schedule "0 2 * * *" Asia/Shanghai)',
      ],
      [
        'backup-recent',
        'lis/lis-db (full)',
        'FAIL',
        'dataStores.lis-db declares a full backup, but no CronJob labelled platform.hospital/backup=full,platform.hospital/data-store=lis-db exists in lis',
      ],
      ['falco-running', 'falco/falco-x7k2p', 'FAIL', expect.stringMatching(/^phase Running on node-c3, container waiting: CrashLoopBackOff \(back-off 5m0s/)],
      [
        'suricata-running',
        'app.kubernetes.io/name=suricata',
        'FAIL',
        'list Pods (labels app.kubernetes.io/name=suricata): HTTP 500 InternalError: Internal error occurred: etcdserver: request timed out',
      ],
    ]);
    expect(table.stdout).toContain('dev: 9 of 13 checks FAILED');
    expect(server.unmatched).toEqual([]);
  });

  it('reports the same failures as JSON', () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.passed).toBe(false);
    expect(report.summary).toEqual({ pass: 4, fail: 9 });
  });
});

describe('npm run verify with unusable input', () => {
  const noStackTrace = (outcome: CommandOutcome) => expect(outcome.stderr).not.toMatch(/\n\s+at /);

  it('exits 2 for an unknown environment, naming the known ones', async () => {
    const environments = environmentsFolder('/nonexistent/kubeconfig');
    const outcome = await verify(environments, '--env', 'qa');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('unknown environment "qa"');
    expect(outcome.stderr).toContain('(environments: dev)');
    noStackTrace(outcome);
  });

  it('exits 2 for an unreadable kubeconfig and for an unknown context', async () => {
    const missing = await verify(environmentsFolder('/nonexistent/kubeconfig'), '--env', 'dev');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('verify: /nonexistent/kubeconfig: cannot read kubeconfig (ENOENT)\n');

    const otherContext = path.join(tempDir('verify-kubeconfig-'), 'config');
    fs.writeFileSync(otherContext, recordedKubeconfig('http://127.0.0.1:9').replace(/recorded/g, 'lab'));
    const wrongContext = await verify(environmentsFolder(otherContext), '--env', 'dev');
    expect(wrongContext.code).toBe(2);
    expect(wrongContext.stderr).toContain('context "recorded" not found (contexts: lab)');
    noStackTrace(wrongContext);
  });

  it('exits 2 for an invalid environment file, naming the key path', async () => {
    const environments = environmentsFolder('/nonexistent/kubeconfig');
    const file = path.join(environments, 'dev.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('autoscaling: { min: 5, max: 10 }', 'autoscaling: { min: 5, max: 3 }'));
    const outcome = await verify(environments, '--env', 'dev');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('clinicalSystems.registration.autoscaling.max');
    noStackTrace(outcome);
  });

  it('exits 2 for a bad option value', async () => {
    const outcome = await verify(environmentsFolder('/nonexistent/kubeconfig'), '--env', 'dev', '--format', 'xml');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Allowed choices are table, json');
  });
});
