import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../support/environments';

/**
 * The layering the README promises is enforced by `npm run lint` (eslint.config.mjs). Each case is a
 * one-line file linted under a made-up name in the folder it claims to be in, through ESLint's own API
 * in one child process (the config is an ES module, which jest's module runtime does not load).
 */
const CASES = [
  { file: 'policies/rules/backup/leak.ts', code: "import { BACKUP_ANNOTATIONS } from '../../../constructs/backup';", allowed: false },
  { file: 'policies/leak.ts', code: "import { HospitalPlatformStack } from '../stacks/hospital-platform-stack';", allowed: false },
  { file: 'policies/leak.ts', code: "import { Construct } from 'constructs';", allowed: false },
  { file: 'policies/leak.ts', code: "import { BACKUP_ANNOTATIONS } from '../contract';", allowed: true },
  { file: 'policies/rules/network/leak.ts', code: "import { networkAnalysisOf } from '../../network/estate';", allowed: false },
  { file: 'policies/rules/network/leak.ts', code: "import { networkAnalysisOf } from '../../network';", allowed: true },
  { file: 'policies/rules/leak.ts', code: "import { segmentOf } from '../network/segments';", allowed: false },
  { file: 'policies/report/leak.ts', code: "import { backupReportContributor } from '../rules/backup/report-section';", allowed: false },
  { file: 'cli/leak.ts', code: "import { App } from 'cdktf';", allowed: false },
  { file: 'policies/leak.ts', code: "import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';", allowed: false },
  { file: 'constructs/leak.ts', code: "import { App } from 'cdktf';", allowed: true },
  { file: 'constructs/monitoring/leak.ts', code: "import { monitoringSchema } from '../../environments/schema/monitoring';", allowed: false },
  { file: 'constructs/monitoring/leak.ts', code: "import { LABELS } from '../../contract';", allowed: true },
  { file: 'contract/leak.ts', code: "import { LABELS } from '../policies/labels';", allowed: false },
  { file: 'policies/leak.ts', code: "import { formatGateFindings } from '../pipeline/gate-output';", allowed: false },
  { file: 'pipeline/leak.ts', code: "import { App } from 'cdktf';", allowed: false },
  { file: 'pipeline/synthesize.ts', code: "import { App } from 'cdktf';", allowed: true },
  { file: 'pipeline/leak.ts', code: "import { runCommand } from '../cli/command-line';", allowed: false },
  { file: 'pipeline/leak.ts', code: "import { optionsFromEnvironment } from '../main';", allowed: false },
  { file: 'pipeline/leak.ts', code: "import { HospitalPlatformStack } from '../stacks/hospital-platform-stack';", allowed: true },
  { file: 'stacks/leak.ts', code: "import { run } from '../pipeline/run';", allowed: false },
  { file: 'constructs/monitoring/leak.ts', code: "import { runCommand } from '../../cli/command-line';", allowed: false },
  { file: 'cli/leak.ts', code: "import { writeFileAtomically } from '../pipeline/atomic-output';", allowed: true },
  { file: 'main.ts', code: "import { defaultWaiversFile } from './cli/check';", allowed: false },
  { file: 'main.ts', code: "import { parseCommandLine } from './cli/command-line';", allowed: true },
  { file: 'main.ts', code: "import { App } from 'cdktf';", allowed: false },
].map((entry) => ({ ...entry, code: `${entry.code}\nexport const used = [${/import \{ (\w+)/.exec(entry.code)![1]}];\n` }));

const SCRIPT = `
const { ESLint } = require('eslint');
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const cases = JSON.parse(process.argv[1]);
  const out = [];
  for (const { file, code } of cases) {
    const [result] = await eslint.lintText(code, { filePath: file });
    out.push(result.messages.map((m) => ({ rule: m.ruleId, message: m.message })));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('lint boundaries', () => {
  const run = spawnSync(process.execPath, ['-e', SCRIPT, JSON.stringify(CASES)], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  const results = run.status === 0 ? (JSON.parse(run.stdout) as { rule: string | null; message: string }[][]) : [];

  it('lints every case', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(results).toHaveLength(CASES.length);
  });

  it.each(CASES.map((entry, index) => [entry.allowed ? 'allows' : 'rejects', entry.file, entry.code.split('\n')[0]!, index] as const))(
    '%s in %s: %s',
    (_verdict, _file, _code, index) => {
      const messages = results[index] ?? [];
      if (CASES[index]!.allowed) expect(messages).toEqual([]);
      else expect(messages.map((message) => message.rule)).toEqual(['no-restricted-imports']);
    },
  );
});
