import type { RuleFixtures } from '../fixtures';
import {
  clinicalWorkload,
  monitoringStack,
  PAGER_CREDENTIALS,
  PAGER_URL,
  routingWith,
  standardAlertmanagerConfig,
  terraform,
  TICKET_URL,
} from './fixture-builders';

const stack = (...args: Parameters<typeof monitoringStack>) => terraform(clinicalWorkload(), monitoringStack(...args));
const STACK = 'helm_release.kube-prometheus-stack';
const withReceivers = (receivers: unknown[]) => ({ ...standardAlertmanagerConfig(), receivers });

export const incidentRoutingFixtures: RuleFixtures = {
  ruleId: 'monitoring/incident-routing',
  pass: [
    {
      name: 'the platform’s routing by incident level',
      terraform: stack(),
      resource: STACK,
      message: 'level P1 (3 alert rule(s)) reaches oncall-p1 (pager) within 15 min',
    },
    {
      name: 'stricter: P1 without group wait, repeating every 5 minutes',
      terraform: stack({ alertmanager: routingWith('P1', { group_wait: '0s', repeat_interval: '5m' }) }),
      message: 'level P1',
    },
    {
      name: 'deprecated match maps and a PagerDuty-style receiver at the pager URL',
      terraform: stack({
        values: { alertmanager: { alertmanagerSpec: { secrets: ['pager'] } } },
        alertmanager: {
          ...standardAlertmanagerConfig(),
          route: {
            receiver: 'ops-p3',
            group_wait: '30s',
            group_interval: '5m',
            repeat_interval: '2h',
            routes: [
              { receiver: 'pager', match: { severity: 'P1' }, group_wait: '10s', group_interval: '1m', repeat_interval: '15m' },
              { receiver: 'ops-p3', match_re: { severity: 'P2|P3' }, repeat_interval: '1h' },
            ],
          },
          receivers: [
            { name: 'pager', pagerduty_configs: [{ url: PAGER_URL, routing_key_file: '/etc/alertmanager/secrets/pager/key' }] },
            { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
          ],
        },
      }),
      message: 'level P2',
    },
  ],
  fail: [
    {
      name: 'P1 routed to the P3 receiver',
      terraform: stack({ alertmanager: routingWith('P1', { receiver: 'ops-p3' }) }),
      resource: STACK,
      message: `level P1: an alert with severity P1 → route.routes[1] → receiver ops-p3, which pages nobody (${TICKET_URL}: not a pager URL; plan: monitoring.pager.urlPatterns, P1 is as urgent as monitoring.coreSystemDownLevel P1)`,
    },
    {
      name: 'P1 with group_wait 20m',
      terraform: stack({ alertmanager: routingWith('P1', { group_wait: '20m' }) }),
      message:
        'CoreSystemDown → route.routes[1] → receiver oncall-p1: for 2m + evaluation interval 30s (operator default) + group_wait 20m (route.routes[1].group_wait 20m) = 22m30s > 15 min',
    },
    {
      name: 'P1 with repeat_interval 4h',
      terraform: stack({ alertmanager: routingWith('P1', { repeat_interval: '4h' }) }),
      message: 'repeat_interval 4h (route.routes[1].repeat_interval 4h) > 15 min (plan: incidentLevels.P1.respondWithinMinutes 15)',
    },
    {
      name: 'P1 route without repeat_interval inherits the chart default 12h',
      terraform: stack({
        alertmanager: {
          ...routingWith('P1', { repeat_interval: undefined }),
          route: {
            ...(routingWith('P1', {}).route as object),
            repeat_interval: undefined,
            routes: (routingWith('P1', {}).route as { routes: Record<string, unknown>[] }).routes.map(({ repeat_interval: _drop, ...route }) => route),
          },
        },
      }),
      message: 'repeat_interval 12h (route.repeat_interval 12h) > 15 min',
    },
    {
      name: 'the pager URL pointed at the ticket system',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: `${TICKET_URL}/pager` }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'dead-mans-switch', webhook_configs: [{ url: 'https://heartbeat.hospital.internal/ping' }] },
        ]),
      }),
      message: 'receiver oncall-p1, which pages nobody',
    },
    {
      name: 'a P3 alert may inhibit a P1',
      terraform: stack({
        alertmanager: {
          ...standardAlertmanagerConfig(),
          inhibit_rules: [{ source_matchers: ['severity="P3"'], target_matchers: ['severity="P1"'], equal: ['system'] }],
        },
      }),
      message: 'alertmanager.config.inhibit_rules[0] lets NodeDiskUsageHigh (P3) inhibit an alert with severity P1 (P1)',
    },
    {
      name: 'an inhibit rule without source matchers (any alert silences P1)',
      terraform: stack({ alertmanager: { ...standardAlertmanagerConfig(), inhibit_rules: [{ target_matchers: ['severity=~"P.*"'] }] } }),
      message: 'inhibit_rules[0] lets',
    },
    { name: 'P2 repeating every 3 hours', terraform: stack({ alertmanager: routingWith('P2', { repeat_interval: '3h' }) }), message: 'level P2:' },
    {
      name: 'P2 receiver that notifies nobody',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL }] },
          { name: 'ops-p2' },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'dead-mans-switch', webhook_configs: [{ url: 'https://heartbeat.hospital.internal/ping' }] },
        ]),
      }),
      message: 'receiver ops-p2, which notifies nobody (no *_configs entry with a url)',
    },
    {
      name: 'a route to a receiver that does not exist',
      terraform: stack({ alertmanager: routingWith('P3', { receiver: 'ops-p4' }) }),
      message: 'no receiver of that name in alertmanager.config.receivers',
    },
    {
      name: 'the P1 route muted at night',
      terraform: stack({ alertmanager: routingWith('P1', { mute_time_intervals: ['nights'] }) }),
      message: 'mute_time_intervals nights (not 7×24)',
    },
    {
      name: 'Alertmanager routing from an existing Secret',
      terraform: stack({ values: { alertmanager: { alertmanagerSpec: { useExistingSecret: true } } } }),
      message: 'useExistingSecret is true',
    },
    { name: 'Alertmanager disabled', terraform: stack({ set: [{ name: 'alertmanager.enabled', value: 'false' }] }), message: 'alertmanager.enabled is false' },
    {
      name: 'the P1 receiver’s only endpoint is the heartbeat URL on the pager gateway',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: `${PAGER_URL}/heartbeat`, http_config: PAGER_CREDENTIALS }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'dead-mans-switch', webhook_configs: [{ url: `${PAGER_URL}/heartbeat`, http_config: PAGER_CREDENTIALS }] },
        ]),
      }),
      message: `${PAGER_URL}/heartbeat: the heartbeat endpoint of route.routes[0] (alertname Watchdog) → receiver dead-mans-switch, not a pager`,
    },
    {
      name: 'the P1 receiver’s only endpoint is the ticket system',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'dead-mans-switch', webhook_configs: [{ url: 'https://heartbeat.hospital.internal/ping' }] },
        ]),
      }),
      message: `receiver oncall-p1, which pages nobody (${TICKET_URL}: not a pager URL`,
    },
    {
      name: 'the pager endpoint without credentials',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
        ]),
      }),
      message: `${PAGER_URL}: receivers[0].webhook_configs[0] sends no credentials`,
    },
    {
      name: 'the pager token written into the config',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL, http_config: { authorization: { type: 'Bearer', credentials: 's3cr3t-token' } } }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
        ]),
      }),
      message: 'receivers[0].webhook_configs[0] writes http_config.authorization.credentials into alertmanager.config instead of reading it from a Secret',
    },
    {
      name: 'the pager token file empty',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL, http_config: { authorization: { credentials_file: '' } } }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
        ]),
      }),
      message: 'sends no credentials',
    },
    {
      name: 'the pager token read from a file of no mounted Secret',
      terraform: stack({ values: { alertmanager: { alertmanagerSpec: { secrets: [] } } } }),
      message:
        'http_config.authorization.credentials_file /etc/alertmanager/secrets/alertmanager-receivers/pager-token is not a file of a Secret in alertmanager.alertmanagerSpec.secrets (none)',
    },
    {
      name: 'the pager token in the URL',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: `${PAGER_URL}?token=abc`, http_config: PAGER_CREDENTIALS }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
        ]),
      }),
      message: 'writes url (?token=) into alertmanager.config',
    },
    {
      name: 'a P2 receiver with a send_resolved-only webhook',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL, http_config: PAGER_CREDENTIALS }] },
          { name: 'ops-p2', webhook_configs: [{ send_resolved: true }] },
          { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
        ]),
      }),
      message: 'level P2: an alert with severity P2 → route.routes[2] → receiver ops-p2, which notifies nobody (no *_configs entry with a url)',
    },
    {
      name: 'a P3 receiver with an empty webhook_configs list',
      terraform: stack({
        alertmanager: withReceivers([
          { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL, http_config: PAGER_CREDENTIALS }] },
          { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }] },
          { name: 'ops-p3', webhook_configs: [] },
        ]),
      }),
      message: 'receiver ops-p3, which notifies nobody',
    },
    {
      name: 'an unreadable matcher',
      terraform: stack({ alertmanager: routingWith('P1', { matchers: ['severity=="P1'] }) }),
      message: 'alertmanager.config: route.routes[1].matchers[0]: cannot read the matcher',
    },
  ],
};
