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
      message: 'no literal values',
    },
    {
      name: 'whole data map from a variable',
      terraform: {
        ...resource('kubernetes_secret_v1', 'pacs', { metadata: { name: 'pacs', namespace: 'pacs' }, data: '${var.pacs_credentials}' }),
        variable: { pacs_credentials: { type: 'map(string)', sensitive: true } },
      },
      resource: 'kubernetes_secret_v1.pacs',
    },
    {
      name: 'empty and blank values are no literal secrets',
      terraform: resource('kubernetes_secret_v1', 'placeholder', { metadata: { name: 'placeholder', namespace: 'his' }, data: { password: '', token: '   ' } }),
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
