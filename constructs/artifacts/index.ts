import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Files a stack produces besides Terraform JSON (alert rules, Alertmanager config, dashboards, …), so
 * reviewers and validators (promtool, amtool) read exactly what the Helm values carry. `npm run synth`
 * writes them to `artifacts/<environment>/`.
 */
export class StackArtifacts extends Construct {
  private static readonly ID = 'StackArtifacts';
  private readonly files = new Map<string, string>();

  static of(scope: Construct): StackArtifacts {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(StackArtifacts.ID);
    return existing instanceof StackArtifacts ? existing : new StackArtifacts(stack, StackArtifacts.ID);
  }

  /** Adds a file; `relativePath` may contain folders (`dashboards/core.json`) but never `..`. */
  add(relativePath: string, content: string): void {
    if (relativePath.split('/').some((part) => part === '..' || part === '') || relativePath.startsWith('/')) {
      throw new Error(`artifact path must be relative and inside the environment folder: ${relativePath}`);
    }
    if (this.files.has(relativePath)) throw new Error(`artifact ${relativePath} is produced twice`);
    this.files.set(relativePath, content);
  }

  entries(): ReadonlyMap<string, string> {
    return this.files;
  }
}
