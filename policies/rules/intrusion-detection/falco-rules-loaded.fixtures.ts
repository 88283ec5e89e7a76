import type { RuleFixtures } from '../fixtures';
import { planWith, resource } from '../fixture-builders';
import { clinicalEstate, falco, HOSPITAL_RULES, monitoringStack, terraform } from './fixture-builders';

const FALCO = 'helm_release.falco';
/** The medical namespaces of the plan, so each must be watched. */
const namespaces = (...names: string[]) => terraform(...names.map((name) => resource('kubernetes_namespace_v1', name, { metadata: { name } })));
const estate = (...documents: Record<string, unknown>[]) =>
  terraform(clinicalEstate(), namespaces('his', 'emr', 'lis', 'pacs', 'clinical-data'), monitoringStack(), ...documents);
type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture edits of nested Helm values
const rules = (edit: (text: string) => string) => falco((values: Values) => (values.customRules['hospital-rules.yaml'] = edit(HOSPITAL_RULES)));

export const falcoRulesLoadedFixtures: RuleFixtures = {
  ruleId: 'intrusion-detection/falco-rules-loaded',
  pass: [
    {
      name: 'the chart’s rules files with the hospital rules',
      terraform: estate(falco()),
      resource: FALCO,
      message:
        'Falco loads falco_rules.yaml and "Hospital database client outside data stores" (database clients started in clinical pods), "Hospital medical egress outside declared flows" (outbound connections from the medical segment) over his, emr, lis, pacs, clinical-data',
    },
    {
      name: 'rules files listed explicitly, the custom file by name',
      terraform: estate(falco((values: Values) => (values.falco.rules_files = ['/etc/falco/falco_rules.yaml', '/etc/falco/rules.d/hospital-rules.yaml']))),
      message: 'Falco loads falco_rules.yaml',
    },
    {
      name: 'staging without lis and pacs namespaces: a list without them suffices there',
      terraform: terraform(
        clinicalEstate(),
        namespaces('his', 'emr', 'clinical-data'),
        monitoringStack(),
        rules((text) => text.replace('    - lis\n    - pacs\n', '')),
      ),
      environment: 'staging',
      message: 'over his, emr, clinical-data',
    },
    {
      name: 'a declared flow to another hospital range (inside segments.internalRanges)',
      terraform: estate(rules((text) => text.replace('fd.snet in ("10.0.0.0/28")', 'fd.snet in ("10.0.0.0/28", "192.168.40.0/24")'))),
      message: 'Falco loads falco_rules.yaml',
    },
    {
      name: 'a later entry appends a namespace to the list',
      terraform: estate(
        rules((text) =>
          text
            .replace('    - his\n', '')
            .replace(
              '- list: hospital_db_client_namespaces',
              '- list: hospital_medical_namespaces\n  items: [his]\n  append: true\n- list: hospital_db_client_namespaces',
            ),
        ),
      ),
      message: 'Falco loads',
    },
  ],
  fail: [
    {
      name: 'falco_rules.yaml removed from the rules files',
      terraform: estate(falco((values: Values) => (values.falco.rules_files = ['/etc/falco/rules.d']))),
      resource: FALCO,
      message: 'falco.rules_files [/etc/falco/rules.d] does not load falco_rules.yaml: the stock rules (shells, sensitive files, privilege escalation) are off',
    },
    {
      name: 'rules.d removed from the rules files',
      terraform: estate(falco((values: Values) => (values.falco.rules_files = ['/etc/falco/falco_rules.yaml']))),
      message: 'does not load /etc/falco/rules.d, where the chart mounts customRules hospital-rules.yaml',
    },
    {
      name: 'falcoctl no longer installs falco-rules',
      terraform: estate(falco((values: Values) => (values.falcoctl = { config: { artifact: { install: { refs: ['k8saudit-rules:0.11'] } } } }))),
      message: 'falcoctl.config.artifact.install.refs [k8saudit-rules:0.11] does not install falco-rules',
    },
    {
      name: 'the custom rules removed',
      terraform: estate(falco((values: Values) => delete values.customRules)),
      message: 'no enabled rule of customRules watches database clients started in clinical pods',
    },
    {
      name: 'the database-client rule disabled by a later entry',
      terraform: estate(rules((text) => `${text}- rule: Hospital database client outside data stores\n  enabled: false\n`)),
      message: 'no enabled rule of customRules watches database clients started in clinical pods',
    },
    {
      name: 'the egress rule deleted',
      terraform: estate(rules((text) => text.replace(/- rule: Hospital medical egress[\s\S]*$/, ''))),
      message: 'no enabled rule of customRules watches outbound connections from the medical segment',
    },
    {
      name: 'the medical namespace list no longer covers emr',
      terraform: estate(rules((text) => text.replace('    - emr\n', ''))),
      message:
        'customRules.hospital-rules.yaml rule "Hospital medical egress outside declared flows" (outbound connections from the medical segment) does not watch emr (not in k8s.ns.name in (his, lis, pacs, clinical-data))',
    },
    {
      name: 'his exempted from the database-client rule',
      terraform: estate(rules((text) => text.replace('    - backup\n', '    - backup\n    - his\n'))),
      message:
        'rule "Hospital database client outside data stores" (database clients started in clinical pods) does not watch his (excluded by not k8s.ns.name in …)',
    },
    {
      name: 'the egress rule at a priority below the paging priority',
      terraform: estate(rules((text) => text.replace(/(egress \(%fd\.name\)\n  priority: )CRITICAL/, '$1INFORMATIONAL'))),
      message: 'priority INFORMATIONAL is below warning, so it never pages',
    },
    {
      name: 'the internet declared a medical flow (0.0.0.0/0), so the egress rule never fires',
      terraform: estate(rules((text) => text.replace('(fd.snet in ("10.244.0.0/16"))', '(fd.snet in ("0.0.0.0/0")) or (fd.snet in ("10.244.0.0/16"))'))),
      message:
        'rule "Hospital medical egress outside declared flows" (outbound connections from the medical segment) does not watch connections to 0.0.0.0/0 (exempted as a declared flow, outside the plan\'s segments.internalRanges)',
    },
    {
      name: 'a vendor network on the internet declared a medical flow',
      terraform: estate(rules((text) => text.replace('fd.snet in ("10.0.0.0/28")', 'fd.snet in ("10.0.0.0/28", "203.0.113.0/24")'))),
      message: 'does not watch connections to 203.0.113.0/24',
    },
    {
      name: 'another hospital puts radiology in the medical zone',
      terraform: terraform(estate(falco()), namespaces('radiology')),
      options: { plan: planWith({ segments: { namespaces: { radiology: 'medical' } } }) },
      message: 'does not watch radiology',
    },
  ],
};
