/**
 * The CDKTF app and the main job (`npm run synth`, also run by `npx cdktf synth|diff|deploy`):
 * load every environment → one stack each → synthesize → policy gate → reports. Exit codes:
 * 0 ok, 1 blocking findings, 2 invalid configuration.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, formatProblem, loadEnvironments } from './environments/load';
import type { EnvironmentConfig } from './environments/schema';
import { createStagingDirectory, promoteOutputs, recoverInterruptedPromotion, removeQuietly } from './cli/atomic-output';
import { synthesizeEnvironments, type ArtifactsByEnvironment } from './stacks/synthesize';

export interface SynthesisOptions {
  readonly environmentsDir: string;
  /** Where `cdktf.out/`, `artifacts/` and `reports/` go. */
  readonly outputRoot: string;
  /** The CDKTF CLI chooses the Terraform output folder through CDKTF_OUTDIR. */
  readonly cdktfOutDir: string;
}

export function optionsFromEnvironment(): SynthesisOptions {
  const outputRoot = path.resolve(process.env.PLATFORM_OUTPUT_DIR || __dirname);
  return {
    environmentsDir: path.resolve(process.env.PLATFORM_ENVIRONMENTS_DIR || path.join(__dirname, 'environments')),
    outputRoot,
    cdktfOutDir: path.resolve(process.env.CDKTF_OUTDIR || path.join(outputRoot, 'cdktf.out')),
  };
}

function writeArtifacts(artifacts: ArtifactsByEnvironment, directory: string): void {
  fs.mkdirSync(directory, { recursive: true });
  for (const [environment, files] of artifacts) {
    for (const [relativePath, content] of files) {
      const target = path.join(directory, environment, relativePath);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
}

export async function run(options: SynthesisOptions): Promise<number> {
  let environments: EnvironmentConfig[];
  try {
    environments = loadEnvironments(options.environmentsDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration (nothing was written):\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  }

  recoverInterruptedPromotion(options.outputRoot);
  if (path.dirname(options.cdktfOutDir) !== options.outputRoot) recoverInterruptedPromotion(path.dirname(options.cdktfOutDir));
  const stagedTerraform = createStagingDirectory(options.cdktfOutDir);
  const staging = createStagingDirectory(path.join(options.outputRoot, 'artifacts'));
  try {
    const stagedArtifacts = path.join(staging, 'artifacts');
    const { artifacts } = await synthesizeEnvironments(environments, stagedTerraform);
    writeArtifacts(artifacts, stagedArtifacts);

    promoteOutputs(options.outputRoot, [
      { staged: stagedTerraform, final: options.cdktfOutDir, keepTerraformWorkingData: true },
      { staged: stagedArtifacts, final: path.join(options.outputRoot, 'artifacts') },
    ]);
    for (const environment of environments) {
      process.stdout.write(`synthesized ${environment.name} → ${path.relative(process.cwd(), path.join(options.cdktfOutDir, 'stacks', environment.name, 'cdk.tf.json'))}\n`);
    }
    return 0;
  } finally {
    removeQuietly(staging);
    removeQuietly(stagedTerraform);
  }
}

if (require.main === module) {
  run(optionsFromEnvironment()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // An unexpected failure: say what happened without a stack trace (DEBUG=1 shows it).
      process.stderr.write(`synthesis failed: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
      process.exitCode = 1;
    },
  );
}
