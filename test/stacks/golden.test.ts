import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';
import { runSynth, scratchWorkspace } from '../support/run-synth';

/**
 * The Terraform JSON of the shipped environments is what `cdktf deploy` applies: a refactoring (the
 * contract module, props mapping, a new folder layout) must leave it byte-identical. The snapshot is one
 * sha256 per stack, in `sha256sum` format, so a deliberate change is one reviewed line per environment.
 */
const GOLDEN = path.join(__dirname, 'golden.sha256');
const UPDATE = 'npm run synth && (cd cdktf.out/stacks && sha256sum */cdk.tf.json) > test/stacks/golden.sha256';

function readGolden(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of fs.readFileSync(GOLDEN, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new Error(`${path.relative(REPO_ROOT, GOLDEN)}: expected "<sha256>  <env>/cdk.tf.json", got "${line}"`);
    entries.set(match[2]!, match[1]!);
  }
  return entries;
}

describe('synthesized Terraform of the shipped environments', () => {
  const workspace = scratchWorkspace('hospital-golden-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));
  const run = runSynth(workspace.environmentsDir, workspace.outputRoot);
  const stacks = path.join(workspace.outputRoot, 'cdktf.out', 'stacks');

  it('synthesizes and passes the gate', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  });

  it('is byte-identical to the committed snapshot (change it deliberately)', () => {
    const actual = new Map<string, string>(
      fs
        .readdirSync(stacks)
        .sort()
        .map((stack) => [
          `${stack}/cdk.tf.json`,
          crypto
            .createHash('sha256')
            .update(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json')))
            .digest('hex'),
        ]),
    );
    const golden = readGolden();
    const differences = [...new Set([...golden.keys(), ...actual.keys()])]
      .sort()
      .filter((file) => golden.get(file) !== actual.get(file))
      .map((file) => `${file}: snapshot ${golden.get(file) ?? '(none)'}, synthesized ${actual.get(file) ?? '(none)'}`);
    if (differences.length > 0) {
      throw new Error(
        `The synthesized Terraform changed:\n  ${differences.join('\n  ')}\n` +
          `If the change is intended (it changes what \`cdktf deploy\` applies), review the diff of cdktf.out/stacks/<env>/cdk.tf.json ` +
          `against main and update the snapshot with:\n  ${UPDATE}`,
      );
    }
    expect(actual.size).toBeGreaterThan(0);
  });
});
