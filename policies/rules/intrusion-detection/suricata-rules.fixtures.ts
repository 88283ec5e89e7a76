import type { RuleFixtures } from '../fixtures';
import { clinicalEstate, ENABLE_CONF, suricata, suricataConfig, suricataSensor, terraform } from './fixture-builders';

const JOB = 'kubernetes_cron_job_v1.suricata-rules-update';
const without = (...files: string[]) =>
  ENABLE_CONF.split('\n')
    .filter((line) => !files.some((file) => line.includes(file)))
    .join('\n');

export const suricataRulesFixtures: RuleFixtures = {
  ruleId: 'intrusion-detection/suricata-rules',
  pass: [
    {
      name: 'SQL injection, web attacks and brute force enabled, refreshed daily',
      terraform: terraform(clinicalEstate(), suricata()),
      resource: JOB,
      message: 'refreshes sql-injection, web-attack, brute-force (15 4 * * *) into suricata-rules',
    },
    {
      name: 'every six hours, categories by glob',
      terraform: terraform(
        clinicalEstate(),
        suricata({ job: { schedule: '0 */6 * * *' }, config: { 'enable.conf': 'group:emerging-s*.rules\ngroup:emerging-web_server\n' } }),
      ),
      message: 'refreshes',
    },
    { name: 'everything enabled (re:.)', terraform: terraform(clinicalEstate(), suricata({ config: { 'enable.conf': 're:.\n' } })), message: 'refreshes' },
  ],
  fail: [
    {
      name: 'the SQL-injection, web-attack and brute-force categories dropped',
      terraform: terraform(clinicalEstate(), suricata({ config: { 'enable.conf': without('emerging-sql', 'emerging-web', 'emerging-scan') } })),
      resource: JOB,
      message:
        'sql-injection (emerging-sql) is not enabled by ConfigMap security/suricata-config key enable.conf (plan: intrusionDetection.suricata.categories.sql-injection)',
    },
    {
      name: 'the SQL-injection category dropped',
      terraform: terraform(clinicalEstate(), suricata({ config: { 'enable.conf': without('emerging-sql') } })),
      message: 'sql-injection (emerging-sql) is not enabled',
    },
    {
      name: 'the web categories commented out',
      terraform: terraform(clinicalEstate(), suricata({ config: { 'enable.conf': ENABLE_CONF.replace(/^group:emerging-web/gm, '# group:emerging-web') } })),
      message: 'web-attack (emerging-web_server or emerging-web_specific_apps) is not enabled',
    },
    {
      name: 'refreshed weekly',
      terraform: terraform(clinicalEstate(), suricata({ job: { schedule: '15 4 * * 0' } })),
      message: 'spec.schedule "15 4 * * 0" leaves 168 h between refreshes > 24 h (plan: intrusionDetection.suricata.refreshWithinHours)',
    },
    {
      name: 'the update job suspended',
      terraform: terraform(clinicalEstate(), suricata({ job: { spec: { suspend: true } } })),
      message: 'spec.suspend is true',
    },
    {
      name: 'the update job runs offline',
      terraform: terraform(
        clinicalEstate(),
        suricata({ job: { args: ['--offline', '--output', '/var/lib/suricata/rules', '--enable-conf', '/etc/suricata/hospital/enable.conf'] } }),
      ),
      message: '--offline downloads no new rules',
    },
    {
      name: 'only prints its version',
      terraform: terraform(
        clinicalEstate(),
        suricata({ job: { args: ['--version', '--output', '/var/lib/suricata/rules', '--enable-conf', '/etc/suricata/hospital/enable.conf'] } }),
      ),
      message: '--version prints and exits without updating the rules',
    },
    {
      name: 'only lists the sources',
      terraform: terraform(clinicalEstate(), suricata({ job: { args: ['list-sources'] } })),
      message: 'runs "suricata-update list-sources", which updates no rules',
    },
    {
      name: 'another rule source instead of ET Open',
      terraform: terraform(
        clinicalEstate(),
        suricata({
          job: {
            args: [
              '--url',
              'https://rules.example.org/custom.tar.gz',
              '--output',
              '/var/lib/suricata/rules',
              '--enable-conf',
              '/etc/suricata/hospital/enable.conf',
            ],
          },
        }),
      ),
      message: '--url replaces the ET Open source',
    },
    {
      name: 'enable.conf not mounted (the image’s own)',
      terraform: terraform(
        clinicalEstate(),
        suricata({ job: { args: ['--output', '/var/lib/suricata/rules', '--enable-conf', '/etc/suricata/enable.conf'] } }),
      ),
      message: 'enable-conf /etc/suricata/enable.conf is /etc/suricata/enable.conf (on no volume',
    },
    {
      name: 'rules written where no sensor reads them',
      terraform: terraform(clinicalEstate(), suricata({ job: { args: ['--output', '/tmp/rules', '--enable-conf', '/etc/suricata/hospital/enable.conf'] } })),
      message: '--output /tmp/rules is not on a PersistentVolumeClaim',
    },
    {
      name: 'the sensor loads another rule file',
      terraform: terraform(
        clinicalEstate(),
        suricata({ config: { 'suricata.yaml': 'default-rule-path: /var/lib/suricata/rules\nrule-files:\n  - local.rules\n' } }),
      ),
      message: 'no Suricata sensor loads suricata.rules from PersistentVolumeClaim suricata-rules',
    },
    {
      name: 'no update job at all',
      terraform: terraform(clinicalEstate(), suricataSensor(), suricataConfig()),
      resource: JOB,
      message: 'no CronJob runs suricata-update in prod',
    },
  ],
};
