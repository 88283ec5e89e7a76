import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { noLiteralEnvSecrets } from './no-literal-env-secrets';
import { noLiteralEnvSecretsFixtures } from './no-literal-env-secrets.fixtures';
import { noLiteralHelmSecrets } from './no-literal-helm-secrets';
import { noLiteralHelmSecretsFixtures } from './no-literal-helm-secrets.fixtures';
import { noLiteralSecretData } from './no-literal-secret-data';
import { noLiteralSecretDataFixtures } from './no-literal-secret-data.fixtures';

/** Secrets: no literal credentials in synthesized output. */
export const rules: readonly Rule[] = [noLiteralSecretData, noLiteralEnvSecrets, noLiteralHelmSecrets];
export const fixtures: readonly RuleFixtures[] = [noLiteralSecretDataFixtures, noLiteralEnvSecretsFixtures, noLiteralHelmSecretsFixtures];
