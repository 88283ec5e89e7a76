import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

export const noLiteralSecretDataFixtures: RuleFixtures = {
  ruleId: 'secrets/no-literal-secret-data',
  pass: [
    {
      name: 'value from a sensitive variable',
      terraform: {
        ...resource('kubernetes_secret_v1', 'emr-db', { metadata: { name: 'emr-db', namespace: 'emr' }, data: { password: '${var.emr_db_password}' } }),
        variable: { emr_db_password: { type: 'string', sensitive: true } },
      },
    },
  ],
  fail: [
    {
      name: 'literal password',
      terraform: resource('kubernetes_secret_v1', 'his-db', { metadata: { name: 'his-db', namespace: 'his' }, data: { password: 'Sup3rS3cret!' } }),
      message: 'data.password',
    },
    {
      name: 'literal in an unversioned secret through a variable default',
      terraform: {
        ...resource('kubernetes_secret', 'lis', { metadata: { name: 'lis' }, data: { token: '${var.lis_token}' } }),
        variable: { lis_token: { default: 'abc123' } },
      },
      message: 'data.token',
    },
  ],
};
