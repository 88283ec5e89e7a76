import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';
import { runSynth, scratchWorkspace, snapshotTree, unreferencedHiddenEntries } from '../support/run-synth';
import { tempDir } from '../support/temp-dir';

/**
 * No credential-shaped literal in anything `npm run synth` writes: Terraform JSON, artifacts (alert
 * routing, dashboards, scripts) and every report. secretlint's recommended rules (AWS, GCP, private
 * keys, Slack, GitHub, npm, basic auth, …) do the scanning; a planted leak proves the scan bites here.
 */
const secretlint = (cwd: string) => {
  // The JSON report carries every scanned file (megabytes): secretlint exits before a pipe drains it,
  // so it writes the report to a file instead of stdout.
  const report = path.join(tempDir('secretlint-'), 'report.json');
  const result = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/secretlint'),
    ['--secretlintrc', path.join(REPO_ROOT, '.secretlintrc.json'), '--format', 'json', '--output', report, '**/*'],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  const stdout = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : result.stdout;
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  // With --output secretlint exits 0 even when it reports: the exit status follows the report.
  let reported = false;
  try {
    reported = (JSON.parse(stdout) as { messages: unknown[] }[]).some((file) => file.messages.length > 0);
  } catch {
    reported = false;
  }
  return { ...result, stdout, status: reported ? 1 : result.status };
};

/** Literal credentials in key/value form, which generic token patterns do not catch. */
const CREDENTIAL_PAIR = /["']?(password|passwd|secret_?key|api_?key|access_?token|client_secret)["']?\s*[:=]\s*["']([^"'${}\s][^"'\s]{5,})["']/i;
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:[^/\s@"']+@/i;

describe('synthesized outputs carry no secrets', () => {
  const workspace = scratchWorkspace('hospital-secrets-');
  const run = runSynth(workspace.environmentsDir, workspace.outputRoot);
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('synthesizes', () => {
    expect(run.status).toBe(0);
    // The outputs are links to hidden folders of the run (scanned through the links and directly).
    expect(
      fs
        .readdirSync(workspace.outputRoot)
        .filter((entry) => !entry.startsWith('.'))
        .sort(),
    ).toEqual(['artifacts', 'cdktf.out', 'reports']);
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
  });

  it('secretlint finds nothing in cdktf.out/, artifacts/ or reports/', () => {
    const scan = secretlint(workspace.outputRoot);
    expect(scan.stderr).toBe('');
    const findings = (JSON.parse(scan.stdout) as { filePath: string; messages: { message: string }[] }[]).flatMap((file) =>
      file.messages.map((message) => `${path.relative(workspace.outputRoot, file.filePath)}: ${message.message}`),
    );
    expect(findings).toEqual([]);
    expect(scan.status).toBe(0);
  });

  it('no file holds a literal password, key or token value, or a URL with a password', () => {
    const leaks = Object.entries(snapshotTree(workspace.outputRoot)).flatMap(([file, content]) =>
      content
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => CREDENTIAL_PAIR.test(line) || URL_WITH_PASSWORD.test(line))
        .map(({ line, index }) => `${file}:${index + 1}: ${line.trim().slice(0, 160)}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the scanners do catch a planted leak (so a clean result means something)', () => {
    const planted = path.join(workspace.root, 'planted');
    fs.mkdirSync(planted);
    fs.writeFileSync(
      path.join(planted, 'values.yaml'),
      [
        'grafana:',
        '  adminPassword: "Gr4fanaAdm1n!"',
        'aws_secret_access_key = Zb1QAnCpuyHSk6wzfHPl0PrLYvB1eg6fGs8nrS4P',
        'webhook: https://ops:Sup3rS3cret@tickets.hospital.internal/hook',
      ].join('\n'),
    );
    expect(secretlint(planted).status).toBe(1);
    const text = fs.readFileSync(path.join(planted, 'values.yaml'), 'utf8');
    expect(CREDENTIAL_PAIR.test(text)).toBe(true);
    expect(URL_WITH_PASSWORD.test(text)).toBe(true);
  });
});
