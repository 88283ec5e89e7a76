import type { Rule } from '../../model';
import { noCredentialsInCommands } from './no-credentials-in-commands';
import { noCredentialsInConfigMaps } from './no-credentials-in-config-maps';
import { noCredentialsInProviderConfig } from './no-credentials-in-provider-config';
import { noLiteralEnvSecrets } from './no-literal-env-secrets';
import { noLiteralHelmSecrets } from './no-literal-helm-secrets';
import { noLiteralSecretData } from './no-literal-secret-data';

/** Secrets: no literal credentials in synthesized output. */
export const rules: readonly Rule[] = [
  noLiteralSecretData,
  noLiteralEnvSecrets,
  noCredentialsInCommands,
  noCredentialsInConfigMaps,
  noLiteralHelmSecrets,
  noCredentialsInProviderConfig,
];
