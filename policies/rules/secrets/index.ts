import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { noCredentialsInCommands } from './no-credentials-in-commands';
import { noCredentialsInCommandsFixtures } from './no-credentials-in-commands.fixtures';
import { noCredentialsInConfigMaps } from './no-credentials-in-config-maps';
import { noCredentialsInConfigMapsFixtures } from './no-credentials-in-config-maps.fixtures';
import { noCredentialsInProviderConfig } from './no-credentials-in-provider-config';
import { noCredentialsInProviderConfigFixtures } from './no-credentials-in-provider-config.fixtures';
import { noLiteralEnvSecrets } from './no-literal-env-secrets';
import { noLiteralEnvSecretsFixtures } from './no-literal-env-secrets.fixtures';
import { noLiteralHelmSecrets } from './no-literal-helm-secrets';
import { noLiteralHelmSecretsFixtures } from './no-literal-helm-secrets.fixtures';
import { noLiteralSecretData } from './no-literal-secret-data';
import { noLiteralSecretDataFixtures } from './no-literal-secret-data.fixtures';

/** Secrets: no literal credentials in synthesized output. */
export const rules: readonly Rule[] = [noLiteralSecretData, noLiteralEnvSecrets, noCredentialsInCommands, noCredentialsInConfigMaps, noLiteralHelmSecrets, noCredentialsInProviderConfig];
export const fixtures: readonly RuleFixtures[] = [noLiteralSecretDataFixtures, noLiteralEnvSecretsFixtures, noCredentialsInCommandsFixtures, noCredentialsInConfigMapsFixtures, noLiteralHelmSecretsFixtures, noCredentialsInProviderConfigFixtures];
