import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadEnvironmentText } from '../../environments/load';
import { REPO_ROOT, synthEnvironment } from '../support/synth';

/**
 * Values the schema used to accept and Kubernetes (or the deploy) rejects, or credentials that would
 * land in cdk.tf.json: each must be a located configuration error (exit 2), never a synthesized stack.
 */
const prodText = fs.readFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), 'utf8');
function prodWith(change: (document: any) => void) {
  const document = parse(prodText);
  change(document);
  return loadEnvironmentText(stringify(document), { file: 'environments/prod.yaml', name: 'prod' });
}
const problems = (change: (document: any) => void): string[] => {
  const result = prodWith(change);
  return result.ok ? [] : result.problems.map((problem) => `${problem.keyPath}: ${problem.message}`);
};
const execCluster = (env: Record<string, string>, host = 'https://api.prod.hospital.internal:6443') => ({
  host,
  caCertificateFile: '/etc/hospital/prod-ca.pem',
  exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'], env },
});

describe('values the Kubernetes API rejects', () => {
  it('accepts only the canonical, case-exact IANA time zone name', () => {
    expect(problems((document) => (document.timeZone = 'asia/shanghai'))).toEqual([
      'timeZone: expected the canonical IANA time zone name "Asia/Shanghai" (Kubernetes reads time zones case-sensitively), got "asia/shanghai"',
    ]);
    expect(problems((document) => (document.dataStores['his-db'].backup.timeZone = 'US/Pacific'))[0]).toMatch(
      /^dataStores\.his-db\.backup\.timeZone: expected the canonical IANA time zone name "America\/Los_Angeles"/,
    );
    expect(problems((document) => (document.timeZone = 'Mars/Olympus'))).toEqual([
      'timeZone: expected an IANA time zone such as "Asia/Shanghai", got "Mars/Olympus"',
    ]);
    expect(problems((document) => (document.timeZone = 'Europe/Berlin'))).toEqual([]);
  });

  it('bounds every count by the API’s int32 limit', () => {
    expect(problems((document) => (document.clinicalSystems.billing.replicas = 3e9))).toContain(
      'clinicalSystems.billing.replicas: expected a number ≤ 2147483647, got 3000000000',
    );
    expect(problems((document) => (document.clinicalSystems.registration.autoscaling.max = 5e9))).toContain(
      'clinicalSystems.registration.autoscaling.max: expected a number ≤ 2147483647, got 5000000000',
    );
    expect(problems((document) => (document.namespaces.his.quota.pods = 1e10))).toEqual([
      'namespaces.his.quota.pods: expected a number ≤ 2147483647, got 10000000000',
    ]);
  });

  it('flags an autoscaling maximum that the namespace’s pod quota cannot hold', () => {
    expect(problems((document) => (document.clinicalSystems.registration.autoscaling.max = 100))).toEqual([
      'clinicalSystems.registration.autoscaling.max: expected at most the pod quota of namespace his (60), got 100',
      'namespaces.his.quota.pods: expected room for the clinical systems at their maximum (registration 100 + billing 3 = 103 pods), got 60',
    ]);
    expect(problems((document) => (document.namespaces.his.quota.pods = 12))).toEqual([
      'namespaces.his.quota.pods: expected room for the clinical systems at their maximum (registration 10 + billing 3 = 13 pods), got 12',
    ]);
  });

  it('rejects an ipBlock except that is not a strict subset of its CIDR', () => {
    const flow = (except: string[]) => (document: any) =>
      document.networkFlows.flows.push({ from: 'lis/lis', to: { cidr: '10.30.0.0/16', except }, ports: [2575] });
    expect(problems(flow(['10.30.8.0/24']))).toEqual([]);
    expect(problems(flow(['10.31.0.0/24']))[0]).toMatch(
      /^networkFlows\.flows\.\d+\.to\.except\.0: expected a range inside 10\.30\.0\.0\/16 and smaller than it \(Kubernetes rejects it otherwise\), got "10\.31\.0\.0\/24"/,
    );
    expect(problems(flow(['10.30.0.0/16']))[0]).toMatch(/got "10\.30\.0\.0\/16"$/);
  });

  it('never treats a name inherited from Object.prototype as declared', () => {
    expect(problems((document) => (document.access.dataStoreNamespaces = ['constructor']))).toEqual([
      'access.dataStoreNamespaces.0: expected one of the declared namespaces (his, emr, lis, pacs, clinical-data, guest-services, dmz-ingress, monitoring, backup, security), got "constructor"',
    ]);
    expect(problems((document) => (document.clinicalSystems.pacs.namespace = 'constructor'))).toContain(
      'clinicalSystems.pacs.namespace: expected one of the declared namespaces (his, emr, lis, pacs, clinical-data, guest-services, dmz-ingress, monitoring, backup, security), got "constructor"',
    );
  });
});

describe('credentials in the provider and backend configuration', () => {
  it.each([
    [
      'a percent-encoded password parameter',
      'postgres://terraform@state-db.hospital.internal:5432/terraform_state?%70assword=hunter2',
      'the parameter "password"',
    ],
    ['a keyword/value password with spaces', 'host=state-db.hospital.internal dbname=terraform_state password = hunter2', 'the parameter "password"'],
    ['a quoted keyword/value password', "host=state-db.hospital.internal password='hunter 2'", 'the parameter "password"'],
    ['user:password@', 'postgres://terraform:hunter2@state-db.hospital.internal/terraform_state', 'a password in the user info (user:password@)'],
  ])('rejects a pg connection string with %s', (_label, connStr, credential) => {
    expect(problems((document) => (document.backend.connStr = connStr))).toEqual([
      `backend.connStr: expected no password in the connection string (use PGPASSWORD), got ${credential}`,
    ]);
  });

  it('accepts a keyword/value connection string without a password', () => {
    expect(
      problems(
        (document) => (document.backend.connStr = 'host=state-db.hospital.internal dbname=terraform_state sslmode=verify-full passfile=/etc/terraform/pgpass'),
      ),
    ).toEqual([]);
  });

  it('rejects an API server URL with user:password@ and cloud keys in the exec plugin’s environment', () => {
    expect(
      problems((document) => (document.cluster = execCluster({ AWS_PROFILE: 'hospital-prod' }, 'https://admin:hunter2@api.prod.hospital.internal:6443'))),
    ).toEqual(['cluster.host: expected an API server URL without user:password@ (use exec credentials)']);
    expect(
      problems(
        (document) => (document.cluster = execCluster({ AWS_PROFILE: 'hospital-prod', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI', AWS_SESSION_TOKEN: 'x' })),
      ),
    ).toEqual([
      'cluster.exec.env.AWS_SECRET_ACCESS_KEY: expected no secret in the repository: "AWS_SECRET_ACCESS_KEY" holds a credential (use a profile, a file path or the plugin\'s own credential store)',
      'cluster.exec.env.AWS_SESSION_TOKEN: expected no secret in the repository: "AWS_SESSION_TOKEN" holds a credential (use a profile, a file path or the plugin\'s own credential store)',
    ]);
    expect(problems((document) => (document.cluster = execCluster({ AWS_PROFILE: 'hospital-prod', AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' })))).toEqual(
      [],
    );
  });

  it('writes the exec plugin’s environment variables with their exact names', () => {
    const result = prodWith((document) => (document.cluster = execCluster({ AWS_PROFILE: 'hospital-prod', AWS_REGION: 'cn-north-1' })));
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
    const { json } = synthEnvironment(result.environment);
    const kubernetes = json.provider.kubernetes![0] as { exec: { env: Record<string, string> }[] };
    const helm = json.provider.helm![0] as { kubernetes: { exec: { env: Record<string, string>; command: string } } };
    expect(kubernetes.exec).toEqual([
      {
        api_version: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', 'prod'],
        env: { AWS_PROFILE: 'hospital-prod', AWS_REGION: 'cn-north-1' },
      },
    ]);
    expect(helm.kubernetes.exec.env).toEqual({ AWS_PROFILE: 'hospital-prod', AWS_REGION: 'cn-north-1' });
    expect(helm.kubernetes.exec.command).toBe('aws');
  });
});
