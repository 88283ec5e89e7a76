/**
 * A run of the output folders alone (lock, recovery, staging, promotion) with small outputs whose
 * every file names the run, for the fault-injection sweeps: a real process, so a `kill` fault is a
 * real SIGKILL. Exit 3 as `npm run synth` when the outputs cannot be written.
 *
 *   node --require pipeline/typescript-loader.cjs test/support/promote-fixture.ts <root> pass|blocked|recover <run>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeOutputFailure, OutputFolders, type StagedOutputs } from '../../pipeline/atomic-output';

export const FIXTURE_FILES = [
  'cdktf.out/manifest.json',
  'cdktf.out/stacks/dev/cdk.tf.json',
  'cdktf.out/stacks/prod/cdk.tf.json',
  'artifacts/prod/prometheus-rules.yaml',
  'reports/compliance.json',
];

function writeRun(staged: StagedOutputs, run: string): void {
  const folders: Record<string, string> = { 'cdktf.out': staged.terraformDir, artifacts: staged.artifactsDir, reports: staged.reportsDir };
  for (const file of FIXTURE_FILES) {
    const [output, ...rest] = file.split('/');
    const target = path.join(folders[output!]!, ...rest);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify({ run, file }));
  }
}

async function main(): Promise<void> {
  const [root, mode, run] = process.argv.slice(2) as [string, 'pass' | 'blocked' | 'recover', string];
  const layout = { root, terraformDir: path.join(root, 'cdktf.out') };
  let outputs: OutputFolders | undefined;
  try {
    outputs = OutputFolders.open(layout);
    if (mode !== 'recover') {
      const staged = outputs.stage();
      writeRun(staged, run);
      const warnings = await (mode === 'blocked' ? outputs.promoteBlockedReports(staged) : outputs.promote(staged));
      for (const warning of warnings) process.stderr.write(`outputs: ${warning}\n`);
    }
  } catch (error) {
    const failure = describeOutputFailure(error, layout);
    if (failure === undefined) throw error;
    process.stderr.write(`${failure}\n`);
    process.exitCode = 3;
  } finally {
    outputs?.close();
  }
}

if (require.main === module) void main();
