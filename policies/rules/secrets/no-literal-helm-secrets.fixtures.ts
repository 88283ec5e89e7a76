import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const release = (body: Record<string, unknown>) =>
  resource('helm_release', 'grafana', {
    name: 'grafana',
    repository: 'https://grafana.github.io/helm-charts',
    chart: 'grafana',
    version: '8.5.1',
    namespace: 'monitoring',
    ...body,
  });

export const noLiteralHelmSecretsFixtures: RuleFixtures = {
  ruleId: 'secrets/no-literal-helm-secrets',
  pass: [
    {
      name: 'existing secret and sensitive variable',
      terraform: {
        ...release({
          values: ['admin:\n  existingSecret: grafana-admin\n  passwordKey: admin-password\npersistence:\n  enabled: true\n'],
          set_sensitive: [{ name: 'smtp.password', value: '${var.smtp_password}' }],
        }),
        variable: { smtp_password: { type: 'string', sensitive: true } },
      },
    },
    {
      name: 'values with an interpolated password',
      terraform: { ...release({ values: ['adminPassword: ${var.grafana_password}\n'] }), variable: { grafana_password: { sensitive: true } } },
      message: 'no secret-named Helm value has a literal value',
    },
    {
      name: 'values document wholly computed from a variable',
      terraform: { ...release({ values: ['${var.grafana_values}'] }), variable: { grafana_values: { type: 'string' } } },
      resource: 'helm_release.grafana',
    },
    { name: 'literal values of settings that are no secrets', terraform: release({ set: [{ name: 'replicas', value: '2' }], set_list: [{ name: 'plugins', value: ['grafana-piechart-panel'] }] }) },
  ],
  fail: [
    { name: 'literal set', terraform: release({ set: [{ name: 'adminPassword', value: 'admin' }] }), message: 'set[0] "adminPassword"' },
    {
      name: 'literal in values YAML beside an interpolation',
      terraform: release({ values: ['image:\n  tag: ${var.tag}\ndatasources:\n  token: glsa_abcdef\n'] }),
      message: 'values[0] datasources.token',
    },
    {
      name: 'literal password in a list item of values YAML',
      terraform: release({ values: ['datasources:\n  - name: lis\n    url: https://lis.hospital.internal\n    password: lis-reader\n'] }),
      message: 'values[0] datasources[0].password has a literal value',
    },
    {
      name: 'set_list of tokens with one literal beside an interpolation',
      terraform: release({ set_list: [{ name: 'tokens', value: ['${var.primary_token}', 'tok-7f3a'] }] }),
      message: 'set_list[0] "tokens" has a literal value',
    },
    {
      name: 'only the last segment of a dotted name decides (settlement.db.password)',
      terraform: release({ set: [{ name: 'settlement.db.password', value: 'billing' }] }),
      message: 'set[0] "settlement.db.password" has a literal value',
    },
  ],
};
