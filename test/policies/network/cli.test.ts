import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runNetpol } from '../../../cli/netpol';
import { analyzeCluster, loadNetworkModel, toMarkdown } from '../../../policies/network';
import { tempDir } from '../../support/temp-dir';

const fixtures = path.join(__dirname, 'fixtures');
const guestToMedical = 'platform.hospital/segment=guest -> platform.hospital/segment=medical';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runNetpol(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('npm run netpol', () => {
  it('exits 0 on the clean YAML folder with the guest → medical deny', async () => {
    const result = await run(path.join(fixtures, 'clean'), '--deny', guestToMedical);
    expect(result.stdout).toMatch(/^OK: no connection matches "platform\.hospital\/segment=guest -> platform\.hospital\/segment=medical"/);
    expect(result.code).toBe(0);
  });

  it('exits 1 on the leaky folder and explains both sides with policies, rules and files', async () => {
    const result = await run(path.join(fixtures, 'leaky'), '--deny', guestToMedical);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('DENIED FLOW EXISTS: guest/wifi-portal -> medical/emr (TCP 8000-8100)');
    expect(result.stdout).toMatch(
      /allowed by the egress of guest\/wifi-portal:\n\s+- NetworkPolicy guest\/portal-debug-egress egress\[0\] \(.*leak\.json, document items\[0\]\): to namespaceSelector platform\.hospital\/segment notin \(dmz\); ports all/,
    );
    expect(result.stdout).toMatch(
      /and by the ingress of medical\/emr:\n\s+- NetworkPolicy medical\/emr-vendor-support ingress\[0\] .*from namespaceSelector \{\} \(everything\); ports TCP 8000-8100/,
    );
    expect(result.stdout).toContain('1 denied connection(s) exist.');
  });

  it('accepts comma-separated requirements, several --deny and the reverse direction', async () => {
    const reverse = await run(path.join(fixtures, 'leaky'), '--deny', 'platform.hospital/segment=medical -> platform.hospital/segment=guest');
    expect(reverse.code).toBe(0);
    const narrowed = await run(
      path.join(fixtures, 'leaky'),
      '--deny',
      'platform.hospital/segment=guest,kubernetes.io/metadata.name=guest -> platform.hospital/segment in (medical)',
      '--deny',
      'external -> platform.hospital/segment=medical',
    );
    expect(narrowed.code).toBe(1);
    expect(narrowed.stdout).toContain('guest/wifi-portal -> medical/emr');
  });

  it('prints the JSON contract with --format json', async () => {
    const result = await run(path.join(fixtures, 'clean'), '--format', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['workloads', 'connections', 'selfConnections']);
    expect(json.workloads).toEqual(['dmz/ingress-controller', 'guest/wifi-portal', 'medical/emr', 'medical/registration']);
    expect(json.connections).toContainEqual({
      src: 'external:0.0.0.0/0',
      dst: 'dmz/ingress-controller',
      all: false,
      ports: [{ protocol: 'TCP', from: 8443, to: 8443 }],
    });
    for (const c of json.connections) expect(c.all ? Object.keys(c) : Object.keys(c)).toEqual(c.all ? ['src', 'dst', 'all'] : ['src', 'dst', 'all', 'ports']);
  });

  it('prints Markdown by default, DOT and SVG on request', async () => {
    expect((await run(path.join(fixtures, 'clean'))).stdout).toContain('## Segment matrix');
    expect((await run(path.join(fixtures, 'clean'), '--format', 'dot')).stdout).toMatch(/^digraph reachability \{/);
    expect((await run(path.join(fixtures, 'clean'), '--format', 'svg')).stdout).toMatch(/^<svg[\s\S]*cluster_medical[\s\S]*<\/svg>\n$/);
  });

  it.each([
    [['/nonexistent/folder'], /netpol: \/nonexistent\/folder: no such file or folder/],
    [[path.join(fixtures, 'clean'), '--deny', 'guest medical'], /--deny "guest medical": expected "<side> -> <side>"/],
    [[path.join(fixtures, 'clean'), '--deny', 'a=b -> c ~ d'], /cannot read requirement "c ~ d"/],
    [[path.join(fixtures, 'clean'), '--format', 'pdf'], /argument 'pdf' is invalid/],
  ])('exits 2 on unusable input %j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--out writes the result alone to the file, atomically, and the verdict to stdout', async () => {
    const dir = tempDir('netpol-out-');
    try {
      const svg = path.join(dir, 'graph.svg');
      const drawn = await run(path.join(fixtures, 'clean'), '--format', 'svg', '--out', svg);
      expect(drawn.code).toBe(0);
      expect(drawn.stdout).toBe('');
      expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
      // No temporary file is left beside it.
      expect(fs.readdirSync(dir)).toEqual(['graph.svg']);
      const json = path.join(dir, 'result.json');
      const denied = await run(path.join(fixtures, 'leaky'), '--format', 'json', '--out', json, '--deny', guestToMedical);
      expect(denied.code).toBe(1);
      expect(Object.keys(JSON.parse(fs.readFileSync(json, 'utf8')))).toEqual(['workloads', 'connections', 'selfConnections']);
      expect(denied.stdout).toContain('DENIED FLOW EXISTS: guest/wifi-portal -> medical/emr');
      const unwritable = await run(path.join(fixtures, 'clean'), '--out', path.join(svg, 'x.md'));
      expect(unwritable.code).toBe(2);
      expect(unwritable.stderr).toMatch(/--out .*x\.md: cannot write/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 when a --deny side matches nothing in the input, naming the side and the closest labels', async () => {
    const result = await run(path.join(fixtures, 'leaky'), '--deny', 'platform.hospital/segmnt=guest -> platform.hospital/segment=medical');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /the side "platform\.hospital\/segmnt=guest" matches nothing in the input .*closest that exist: platform\.hospital\/segment=guest/,
    );
  });

  it('README commands that redirect output use npm run --silent, so no npm banner lands in the file', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    const redirected = readme.split('\n').filter((line) => /npm run (?:--silent )?(netpol|check)\b.*\s>\s*\S/.test(line));
    expect(redirected.length).toBeGreaterThan(0);
    for (const line of redirected) expect(line).toMatch(/npm run --silent /);
  });

  it('reads the rest of a folder with a policy the API server would reject, names its file and key path, and fails a --deny proof as incomplete (real process)', async () => {
    const dir = tempDir('netpol-cli-');
    try {
      fs.writeFileSync(
        path.join(dir, 'bad.yaml'),
        'kind: NetworkPolicy\nmetadata: { name: p, namespace: x }\nspec:\n  podSelector: {}\n  ingress:\n    - ports: [{ port: 70000 }]\n',
      );
      fs.writeFileSync(
        path.join(dir, 'pods.yaml'),
        'kind: Pod\nmetadata: { name: a, namespace: x }\n---\nkind: Pod\nmetadata: { name: b, namespace: y }\n---\nkind: NetworkPolicy\nmetadata: { name: deny-in, namespace: y }\nspec: { podSelector: {}, policyTypes: [Ingress] }\n',
      );
      const netpol = (...argv: string[]) =>
        spawnSync(process.execPath, [require.resolve('tsx/cli'), 'cli/netpol.ts', dir, ...argv], { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' });
      const analysed = netpol('--format', 'json');
      expect(analysed.status).toBe(0);
      expect(analysed.stderr).toMatch(
        /warning: rejected input: .*bad\.yaml: document \(NetworkPolicy p\): spec\.ingress\[0\]\.ports\[0\]\.port: .*<=65535; the API server would reject this NetworkPolicy: left out of the analysis/,
      );
      expect(analysed.stderr).not.toMatch(/\n\s+at /);
      expect(JSON.parse(analysed.stdout).workloads).toEqual(['x/a', 'y/b']);
      expect(toMarkdown(analyzeCluster(await loadNetworkModel(dir)))).toMatch(/## Notes[\s\S]*- rejected input: .*bad\.yaml: document \(NetworkPolicy p\)/);
      // No connection matches, but the verdict is about a folder Kubernetes would not take as it is.
      const proof = netpol('--deny', 'x/a -> y/b');
      expect(proof.stdout).toMatch(
        /^OK: no connection matches[\s\S]*but the proof is incomplete: 1 object\(s\) or port\(s\) of the input would be rejected by Kubernetes/,
      );
      expect(proof.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 from a real process on the leaky folder', () => {
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'cli/netpol.ts', path.join(fixtures, 'leaky'), '--deny', guestToMedical], {
      cwd: path.join(__dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('DENIED FLOW EXISTS');
    expect(result.status).toBe(1);
  });
});
