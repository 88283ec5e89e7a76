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
    },
  ],
  fail: [
    { name: 'literal set', terraform: release({ set: [{ name: 'adminPassword', value: 'admin' }] }), message: 'set[0] "adminPassword"' },
    {
      name: 'literal in values YAML beside an interpolation',
      terraform: release({ values: ['image:\n  tag: ${var.tag}\ndatasources:\n  token: glsa_abcdef\n'] }),
      message: 'values[0] datasources.token',
    },
  ],
};
