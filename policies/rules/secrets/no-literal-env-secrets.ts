import { containersOf, WORKLOAD_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { blocks, str } from '../../values';
import { credentialsInText, isLiteralCredential } from './credentials';
import { isSecretName } from './patterns';
import { SECRETS_CONTROLS } from './no-literal-secret-data';

export const noLiteralEnvSecrets: ResourceRule = {
  id: 'secrets/no-literal-env-secrets',
  profile: 'generic',
  title: 'Container environment variables carry no literal secrets',
  severity: 'critical',
  rationale:
    'An env value written in the configuration is readable by everyone with repository or cluster read access, and is copied into Terraform state: a credential-named variable (MYSQL_PWD, PGPASSWORD, API_KEY, …) with a literal value, or any value holding a credential (a database URL with user:password@, a webhook URL whose path is its token, a known token format) leaks it.',
  remediation:
    'Use `env.value_from.secret_key_ref` (or `env_from.secret_ref`) pointing to a Secret instead of `env.value` for passwords, tokens, keys and connection strings with credentials; compose a URL from a referenced password with `$(DB_PASSWORD)`.',
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
        const value = env.value;
        if (!isLiteralCredential(value)) continue;
        const name = str(env.name);
        if (name && isSecretName(name)) {
          (failures ??= []).push(`${ref.path}.env[${index}] ${name} has a literal value`);
          continue;
        }
        const found = credentialsInText(value);
        if (found.length) (failures ??= []).push(`${ref.path}.env[${index}] ${name ?? '(unnamed)'}: ${found.join('; ')}`);
      }
    }
    if (failures) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: 'no env variable carries a literal credential' };
  },
};
