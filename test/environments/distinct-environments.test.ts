/**
 * "Adding an environment" as the README says (copy a file, run synth) must not produce a stack that
 * shares another's Terraform state or cluster (issue 16, item 13): synth refuses it, naming both files
 * and the key to change — for hospitals of a group file too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, clusterIdentity, formatProblem, loadEnvironments, stateLocation } from '../../environments/load';
import type { BackendConfig } from '../../environments/schema';
import { REPO_ROOT } from '../support/environments';
import { runSynth, scratchWorkspace, snapshotTree } from '../support/run-synth';
import { tempDir } from '../support/temp-dir';

const shipped = path.join(REPO_ROOT, 'environments');

function folderWith(files: Record<string, string>): string {
  const directory = tempDir('distinct-environments-');
  for (const name of ['dev', 'staging', 'prod', 'dr']) fs.copyFileSync(path.join(shipped, `${name}.yaml`), path.join(directory, `${name}.yaml`));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, name), text);
  return directory;
}

function problems(directory: string): string[] {
  try {
    loadEnvironments(directory);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

const staging = fs.readFileSync(path.join(shipped, 'staging.yaml'), 'utf8');
const prod = fs.readFileSync(path.join(shipped, 'prod.yaml'), 'utf8');

describe('every environment has its own state and cluster', () => {
  it('accepts the shipped environments', () => {
    expect(problems(folderWith({}))).toEqual([]);
  });

  it('refuses a plain copy of staging, naming both files and what to change', () => {
    const found = problems(folderWith({ 'training.yaml': staging }));
    expect(found).toEqual([
      expect.stringMatching(
        /training\.yaml:\d+: backend: environment "training" uses the same Terraform state as environment "staging" \(.*staging\.yaml\): .*secret suffix "hospital-staging".*Give the new one its own backend\.secretSuffix/i,
      ),
      expect.stringMatching(
        /training\.yaml:\d+: cluster: environment "training" uses the same cluster as environment "staging" \(.*staging\.yaml\): kubeconfig context hospital-staging.*its own cluster\.kubeconfig\.context/,
      ),
    ]);
  });

  it('accepts the copy once the README steps changed its context and state location', () => {
    const training = staging
      .replace('context: hospital-staging', 'context: hospital-training')
      .replace('secretSuffix: hospital-staging', 'secretSuffix: hospital-training');
    expect(problems(folderWith({ 'training.yaml': training }))).toEqual([]);
  });

  it('compares pg, s3, kubernetes and local state and both kinds of cluster connection', () => {
    const pg = (connStr: string, schemaName: string): BackendConfig => ({ type: 'pg', connStr, schemaName });
    expect(stateLocation(pg('postgres://terraform@db:5432/state?sslmode=verify-full', 'prod')).key).toBe(
      stateLocation(pg('postgres://terraform@db:5432/state', 'prod')).key,
    );
    expect(stateLocation(pg('postgres://terraform@db:5432/state', 'prod')).key).not.toBe(stateLocation(pg('postgres://terraform@db:5432/state', 'dr')).key);
    const s3 = (key: string, endpoint?: string): BackendConfig => ({
      type: 's3',
      bucket: 'tf',
      key,
      region: 'cn-north-1',
      lock: { useLockfile: true },
      ...(endpoint ? { endpoint } : {}),
    });
    expect(stateLocation(s3('a')).key).toBe(stateLocation(s3('a')).key);
    expect(stateLocation(s3('a')).key).not.toBe(stateLocation(s3('b')).key);
    expect(stateLocation(s3('a')).key).not.toBe(stateLocation(s3('a', 'https://minio.hospital.internal')).key);
    const kube = (secretSuffix: string, configContext = 'mgmt'): BackendConfig => ({
      type: 'kubernetes',
      secretSuffix,
      namespace: 'terraform-state',
      configPath: '~/.kube/config',
      configContext,
    });
    expect(stateLocation(kube('a')).key).not.toBe(stateLocation(kube('a', 'other-mgmt')).key);
    expect(stateLocation({ type: 'local', path: './x.tfstate' }).key).toBe(stateLocation({ type: 'local', path: 'x.tfstate' }).key);
    const host = (url: string) => clusterIdentity({ host: url, caCertificateFile: 'ca.pem', exec: { apiVersion: 'v1', command: 'x', args: [], env: {} } }).key;
    expect(host('https://API.hospital.internal:6443/')).toBe(host('https://api.hospital.internal:6443'));
  });

  it('refuses a prod copy that shares its pg state schema, and two hospitals of a group sharing one', () => {
    const copy = prod.replace('context: hospital-prod', 'context: hospital-prod-2');
    // Named in either order (files are read alphabetically): both files, the schema, the key to change.
    expect(problems(folderWith({ 'prod-two.yaml': copy }))).toEqual([
      expect.stringMatching(
        /prod\.yaml:\d+: backend: environment "prod" uses the same Terraform state as environment "prod-two" \(.*prod-two\.yaml\): PostgreSQL schema hospital_prod.*its own backend\.schemaName/,
      ),
    ]);

    const group = [
      'group: north',
      'templates:',
      '  county:',
      '    extends: staging.yaml',
      '    overrides:',
      '      cluster: { kubeconfig: { path: ~/.kube/config, context: "{{hospital}}" } }',
      '      backend: { secretSuffix: county }',
      'hospitals:',
      '  river-county: { template: county }',
      '  hill-county: { template: county }',
    ].join('\n');
    expect(problems(folderWith({ 'north.group.yaml': group }))).toEqual([
      expect.stringMatching(
        /north\.group\.yaml: hospitals\.hill-county\.overrides\.backend\.secretSuffix: environment "hill-county" uses the same Terraform state as environment "river-county" \(.*north\.group\.yaml\).*use \{\{hospital\}\} in the template/,
      ),
    ]);
  });

  it('npm run synth exits 2 on the README copy and writes nothing', () => {
    const workspace = scratchWorkspace('hospital-training-');
    fs.writeFileSync(path.join(workspace.environmentsDir, 'training.yaml'), staging);
    const run = runSynth(workspace.environmentsDir, workspace.outputRoot);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/training\.yaml:\d+: backend: environment "training" uses the same Terraform state as environment "staging"/);
    expect(snapshotTree(workspace.outputRoot)).toEqual({});
    fs.rmSync(workspace.root, { recursive: true, force: true });
  }, 120_000);
});
