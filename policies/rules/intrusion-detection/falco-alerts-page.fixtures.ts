import type { RuleFixtures } from '../fixtures';
import { standardAlertmanagerConfig } from '../monitoring/fixture-builders';
import { clinicalEstate, falco, monitoringStack, terraform } from './fixture-builders';

const FALCO = 'helm_release.falco';
const estate = (...documents: Record<string, unknown>[]) => terraform(clinicalEstate(), monitoringStack(), ...documents);
type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture edits of nested Helm values

export const falcoAlertsPageFixtures: RuleFixtures = {
  ruleId: 'intrusion-detection/falco-alerts-page',
  pass: [
    {
      name: 'warning and above reach Alertmanager and page',
      terraform: estate(falco()),
      resource: FALCO,
      message: 'Falco events at warning and above reach kube-prometheus-stack-alertmanager and page on-call',
    },
    {
      name: 'stricter: every priority forwarded, through extralabels',
      terraform: estate(
        falco(
          (values: Values) => (
            (values.falco.priority = 'debug'),
            (values.falcosidekick.config.alertmanager = {
              ...values.falcosidekick.config.alertmanager,
              minimumpriority: '',
              customseveritymap: '',
              extralabels: 'severity:P1,system:security',
              hostport: 'http://kube-prometheus-stack-alertmanager.monitoring.svc.cluster.local:9093',
            })
          ),
        ),
      ),
      message: 'page on-call',
    },
  ],
  fail: [
    {
      name: 'Falco minimum priority emergency',
      terraform: estate(falco((values: Values) => (values.falco.priority = 'emergency'))),
      resource: FALCO,
      message:
        'falco.priority emergency drops warning events (Falco loads only rules at emergency or above) (plan: intrusionDetection.falco.pagingPriority warning)',
    },
    {
      name: 'falcosidekick minimum priority emergency',
      terraform: estate(falco((values: Values) => (values.falcosidekick.config.alertmanager.minimumpriority = 'emergency'))),
      message: 'falcosidekick.config.alertmanager.minimumpriority emergency drops warning events',
    },
    {
      name: 'falcosidekick disabled',
      terraform: estate(falco((values: Values) => (values.falcosidekick.enabled = false))),
      message: 'falcosidekick.enabled is not true',
    },
    {
      name: 'posting to another Alertmanager',
      terraform: estate(falco((values: Values) => (values.falcosidekick.config.alertmanager.hostport = 'http://alertmanager.legacy:9093'))),
      message: 'is not the Alertmanager of prod (http://kube-prometheus-stack-alertmanager.monitoring:9093)',
    },
    {
      name: 'the removed v1 API',
      terraform: estate(falco((values: Values) => delete values.falcosidekick.config.alertmanager.endpoint)),
      message: 'endpoint is /api/v1/alerts',
    },
    {
      name: 'falcosidekick’s own severities land in the ticket queue',
      terraform: estate(falco((values: Values) => delete values.falcosidekick.config.alertmanager.customseveritymap)),
      message: 'a emergency event (severity=critical) lands on receiver ops-p3 (route), which posts to no pager URL',
    },
    {
      name: 'events sent past falcosidekick',
      terraform: estate(falco((values: Values) => (values.falco.http_output = { url: 'http://siem.hospital.internal/falco' }))),
      message: 'falco.http_output.url http://siem.hospital.internal/falco sends the events past falcosidekick',
    },
    { name: 'the Falco release deleted', terraform: estate(), message: 'no falco helm_release in prod' },
    {
      name: 'P1 routed to the ticket system',
      terraform: terraform(
        clinicalEstate(),
        monitoringStack({
          alertmanager: {
            ...standardAlertmanagerConfig(),
            receivers: [
              { name: 'oncall-p1', webhook_configs: [{ url: 'https://itsm.hospital.internal/p' }] },
              { name: 'ops-p2', webhook_configs: [{ url: 'https://itsm.hospital.internal/p' }] },
              { name: 'ops-p3', webhook_configs: [{ url: 'https://itsm.hospital.internal/p' }] },
            ],
          },
        }),
        falco(),
      ),
      message: 'which posts to no pager URL',
    },
  ],
};
