import { loadEnvironmentFile, loadEnvironmentText } from '../../environments/load';
import { REPO_ROOT } from '../support/environments';
import * as fs from 'node:fs';
import * as path from 'node:path';

const prodText = fs.readFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), 'utf8');
const load = (text: string, name = 'prod') => loadEnvironmentText(text, { file: `environments/${name}.yaml`, name });
const problemsOf = (text: string, name?: string) => {
  const result = load(text, name);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.problems;
};

describe('environment loader', () => {
  it.each(['dev', 'staging', 'prod', 'dr'])('accepts the shipped %s environment', (name) => {
    const result = loadEnvironmentFile(path.join(REPO_ROOT, 'environments', `${name}.yaml`));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (result.ok) {
      expect(result.environment.name).toBe(name);
      expect(result.environment.timeZone).toBe('Asia/Shanghai');
    }
  });

  it('rejects an unknown key and names its path and line', () => {
    const text = prodText.replace('  registration:\n    namespace: his', '  registration:\n    replicaz: 3\n    namespace: his');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ file: 'environments/prod.yaml', keyPath: 'clinicalSystems.registration.replicaz', message: 'unknown key "replicaz"' });
    expect(problem!.line).toBe(text.split('\n').findIndex((line) => line.includes('replicaz')) + 1);
  });

  it('rejects a wrong type with what was expected and what was found', () => {
    const text = prodText.replace(
      '    replicas: 3\n    secretEnv:\n      DB_PASSWORD: { secret: his-db-credentials',
      '    replicas: three\n    secretEnv:\n      DB_PASSWORD: { secret: his-db-credentials',
    );
    expect(problemsOf(text)).toContainEqual(
      expect.objectContaining({ keyPath: 'clinicalSystems.billing.replicas', message: 'expected a number, got "three"' }),
    );
  });

  it('rejects autoscaling whose max is below min', () => {
    const text = prodText.replace('autoscaling: { min: 5, max: 10, targetCpuUtilization: 70 }', 'autoscaling: { min: 5, max: 3 }');
    expect(problemsOf(text)).toContainEqual(
      expect.objectContaining({ keyPath: 'clinicalSystems.registration.autoscaling.max', message: 'expected a number ≥ min (5), got 3' }),
    );
  });

  it('rejects an image that is not pinned by digest', () => {
    const text = prodText.replace(
      /image: registry\.hospital\.internal\/emr\/emr-server:7\.3\.0@sha256:[a-f0-9]+/,
      'image: registry.hospital.internal/emr/emr-server:latest',
    );
    const problem = problemsOf(text).find((p) => p.keyPath === 'clinicalSystems.emr.image');
    expect(problem?.message).toMatch(/^expected an image pinned by digest .*, got "registry\.hospital\.internal\/emr\/emr-server:latest"$/);
  });

  it('leaves where state may be local to the policy gate (test/policies/profiles.test.ts), whatever the file name', () => {
    const local = prodText.replace(/backend:\n  type: pg\n  connStr: .*\n  schemaName: .*\n/, 'backend:\n  type: local\n  path: terraform.tfstate\n');
    expect(load(local, 'prod').ok).toBe(true);
    expect(load(local, 'dev').ok).toBe(true);
  });

  it('rejects a core system with fewer than two replicas', () => {
    const text = prodText.replace(
      '    replicas: 3\n    secretEnv:\n      DB_PASSWORD: { secret: lis-db',
      '    replicas: 1\n    secretEnv:\n      DB_PASSWORD: { secret: lis-db',
    );
    expect(problemsOf(text)).toContainEqual(
      expect.objectContaining({ keyPath: 'clinicalSystems.lis.replicas', message: 'expected at least 2 replicas for a core system, got 1' }),
    );
  });

  it('rejects a clinical system in an undeclared namespace', () => {
    const text = prodText.replace('  pacs:\n    namespace: pacs', '  pacs:\n    namespace: radiology');
    expect(problemsOf(text)).toContainEqual(
      expect.objectContaining({ keyPath: 'clinicalSystems.pacs.namespace', message: expect.stringMatching(/got "radiology"$/) }),
    );
  });

  it('rejects a weaker Pod Security level without a reason', () => {
    const text = prodText.replace('  pacs:\n    segment: medical', '  pacs:\n    segment: medical\n    podSecurity: { level: baseline }');
    expect(problemsOf(text)).toContainEqual(expect.objectContaining({ keyPath: 'namespaces.pacs.podSecurity.reason' }));
  });

  it('reports YAML syntax errors with a line number', () => {
    const [problem] = problemsOf('site: a\nrole: [primary\n');
    expect(problem!.message).toMatch(/^YAML syntax error/);
    expect(problem!.line).toBeGreaterThan(0);
  });

  it('reports a duplicate key instead of silently keeping the last one', () => {
    expect(problemsOf(`${prodText}\nsite: elsewhere\n`)[0]!.message).toMatch(/YAML syntax error: Map keys must be unique/);
  });

  it('reports a missing file', () => {
    const result = loadEnvironmentFile(path.join(REPO_ROOT, 'environments/nowhere.yaml'));
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ message: 'file not found' })] });
  });

  it('rejects an unknown time zone', () => {
    expect(problemsOf(prodText.replace('timeZone: Asia/Shanghai', 'timeZone: Mars/Olympus'))).toContainEqual(
      expect.objectContaining({ keyPath: 'timeZone', message: expect.stringContaining('expected an IANA time zone') }),
    );
  });
});
