import { containersOf, WORKLOAD_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { blocks, str } from '../../values';
import { isLiteralSecret, isSecretName } from './patterns';
import { SECRETS_CONTROLS } from './no-literal-secret-data';

export const noLiteralEnvSecrets: ResourceRule = {
  id: 'secrets/no-literal-env-secrets',
  title: 'Container environment variables carry no literal secrets',
  severity: 'critical',
  rationale: 'An env value written in the configuration is readable by everyone with repository or cluster read access, and is copied into Terraform state.',
  remediation: 'Use `env.value_from.secret_key_ref` (or `env_from.secret_ref`) pointing to a Secret instead of `env.value` for passwords, tokens and keys.',
  resourceTypes: WORKLOAD_TYPES,
  controls: SECRETS_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const refs = containersOf(resource);
    if (refs.length === 0) return { status: 'not-applicable', message: 'no containers' };
    // Most variables have no literal value (or a harmless one): test that first, and build the failure
    // list only when one fails.
    let failures: string[] | undefined;
    for (const ref of refs) {
      const variables = blocks(ref.container.env);
      for (let index = 0; index < variables.length; index++) {
        const env = variables[index]!;
        const name = str(env.name);
        if (isLiteralSecret(env.value) && name && isSecretName(name)) (failures ??= []).push(`${ref.path}.env[${index}] ${name} has a literal value`);
      }
    }
    if (failures) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: 'no secret-named env variable has a literal value' };
  },
};
