import type { AlertEndpoint, AlertmanagerSettings } from './settings';
import type { IncidentLevel } from './alert-rules';

/** Where the Prometheus operator mounts `alertmanagerSpec.secrets` inside Alertmanager. */
export const ALERTMANAGER_SECRETS_DIR = '/etc/alertmanager/secrets';

export const RECEIVERS = { P1: 'oncall-p1', P2: 'ops-p2', P3: 'ops-p3', deadMansSwitch: 'dead-mans-switch' } as const;

type Json = Record<string, unknown>;

/** One webhook: a plain URL, and credentials only as paths of mounted files (never in the config). */
function webhook(endpoint: AlertEndpoint, sendResolved = true): Json {
  const credentials = endpoint.credentials;
  let httpConfig: Json | undefined;
  if (credentials && 'key' in credentials) {
    httpConfig = { authorization: { type: credentials.scheme, credentials_file: `${ALERTMANAGER_SECRETS_DIR}/${credentials.secret}/${credentials.key}` } };
  } else if (credentials) {
    httpConfig = {
      basic_auth: { username: credentials.username, password_file: `${ALERTMANAGER_SECRETS_DIR}/${credentials.secret}/${credentials.passwordKey}` },
    };
  }
  return { url: endpoint.url, send_resolved: sendResolved, ...(httpConfig ? { http_config: httpConfig } : {}) };
}

/** The Secrets Alertmanager must mount for the configured credentials. */
export function alertmanagerSecrets(config: AlertmanagerSettings): string[] {
  const endpoints = [config.pager, config.ticket, config.chat, config.deadMansSwitch];
  return [...new Set(endpoints.flatMap((endpoint) => (endpoint.credentials ? [endpoint.credentials.secret] : [])))].sort();
}

/**
 * Alertmanager routing by incident level: P1 pages on-call (and opens a ticket, tells the chat), P2 opens
 * a ticket and tells the chat, P3 opens a ticket; the Watchdog heartbeat goes to the dead man's switch;
 * anything else (chart default rules, unknown severities) falls through to ops-p3, never nowhere. A
 * firing P1 of a system silences that system's P2/P3 alerts.
 */
export function buildAlertmanagerConfig(config: AlertmanagerSettings): Json {
  const level = (severity: IncidentLevel, groupInterval: string): Json => ({
    receiver: RECEIVERS[severity],
    matchers: [`severity="${severity}"`],
    group_wait: config.timing[severity].groupWait,
    group_interval: groupInterval,
    repeat_interval: config.timing[severity].repeatInterval,
  });
  return {
    global: { resolve_timeout: '5m' },
    route: {
      receiver: RECEIVERS.P3,
      group_by: ['alertname', 'system'],
      group_wait: config.timing.P3.groupWait,
      group_interval: '5m',
      repeat_interval: config.timing.P3.repeatInterval,
      routes: [
        { receiver: RECEIVERS.deadMansSwitch, matchers: ['alertname="Watchdog"'], group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
        level('P1', '1m'),
        level('P2', '5m'),
        level('P3', '5m'),
      ],
    },
    inhibit_rules: [{ source_matchers: ['severity="P1"'], target_matchers: ['severity=~"P2|P3"'], equal: ['system'] }],
    receivers: [
      { name: RECEIVERS.P1, webhook_configs: [webhook(config.pager), webhook(config.ticket), webhook(config.chat)] },
      { name: RECEIVERS.P2, webhook_configs: [webhook(config.ticket), webhook(config.chat)] },
      { name: RECEIVERS.P3, webhook_configs: [webhook(config.ticket)] },
      { name: RECEIVERS.deadMansSwitch, webhook_configs: [webhook(config.deadMansSwitch, false)] },
    ],
    // The chart's default; stated so the artifact equals what Helm renders after merging values.
    templates: ['/etc/alertmanager/config/*.tmpl'],
  };
}
