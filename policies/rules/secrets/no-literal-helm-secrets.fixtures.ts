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

const alertmanager = (receivers: string) =>
  resource('helm_release', 'monitoring', {
    name: 'kube-prometheus-stack',
    repository: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    namespace: 'monitoring',
    values: [`alertmanager:\n  config:\n    receivers:\n${receivers}`],
  });

export const noLiteralHelmSecretsFixtures: RuleFixtures = {
  ruleId: 'secrets/no-literal-helm-secrets',
  pass: [
    {
      name: 'Alertmanager receivers reading their credentials from mounted files',
      terraform: alertmanager(
        '      - name: pager\n        webhook_configs:\n          - url: https://pager-gateway.hospital.internal/api/v1/prod/alerts\n            http_config:\n              authorization:\n                credentials_file: /etc/alertmanager/secrets/alertmanager-receivers/pager-token\n',
      ),
      message: 'no Helm value carries a literal credential',
    },
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
      message: 'no Helm value carries a literal credential',
    },
    {
      name: 'values document wholly computed from a variable',
      terraform: { ...release({ values: ['${var.grafana_values}'] }), variable: { grafana_values: { type: 'string' } } },
      resource: 'helm_release.grafana',
    },
    {
      name: 'literal values of settings that are no secrets',
      terraform: release({ set: [{ name: 'replicas', value: '2' }], set_list: [{ name: 'plugins', value: ['grafana-piechart-panel'] }] }),
    },
  ],
  fail: [
    {
      name: 'a Slack receiver with its webhook URL',
      terraform: alertmanager(
        '      - name: chat\n        slack_configs:\n          - api_url: https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX\n',
      ),
      message: 'alertmanager.config.receivers[0].slack_configs[0].api_url: URL https://hooks.slack.com/services/T0000/… is a Slack webhook',
    },
    {
      name: 'a DingTalk webhook receiver with its access token',
      terraform: alertmanager(
        '      - name: dingtalk\n        webhook_configs:\n          - url: https://oapi.dingtalk.com/robot/send?access_token=6d8f2b1c9e7a4f3b8c2d1e0f9a8b7c6d\n',
      ),
      message: 'carries the query parameter "access_token"',
    },
    {
      name: 'an Opsgenie receiver api_key',
      terraform: alertmanager('      - name: opsgenie\n        opsgenie_configs:\n          - api_key: 0d9e7c1a-2b3f-4e5d-8a9b-1c2d3e4f5a6b\n'),
      message: 'opsgenie_configs[0].api_key has a literal value',
    },
    {
      name: 'a PagerDuty routing key',
      terraform: alertmanager('      - name: pagerduty\n        pagerduty_configs:\n          - routing_key: R0UT1NGK3Y0123456789abcdef\n'),
      message: 'pagerduty_configs[0].routing_key has a literal value',
    },
    {
      name: 'basic auth password of a webhook receiver',
      terraform: alertmanager(
        '      - name: itsm\n        webhook_configs:\n          - url: https://itsm.hospital.internal/api\n            http_config:\n              basic_auth:\n                username: alertmanager\n                password: Itsm-Pa55\n',
      ),
      message: 'basic_auth.password has a literal value',
    },
    {
      name: 'set_sensitive with a literal value under an innocent name',
      terraform: release({ set_sensitive: [{ name: 'grafana.ini.server.root_url', value: 'literal-value' }] }),
      message: 'set_sensitive[0] "grafana.ini.server.root_url" has a literal value (set_sensitive hides it from the plan output',
    },
    {
      name: 'a set entry with a URL carrying a password',
      terraform: release({ set: [{ name: 'datasource.url', value: 'postgresql://grafana:S3cret@pg:5432/grafana' }] }),
      message: 'set[0] "datasource.url": URL postgresql://pg:5432 carries a password',
    },
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
