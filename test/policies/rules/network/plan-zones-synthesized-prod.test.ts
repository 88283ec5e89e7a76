/**
 * The plan-zone network rules on the synthesized production stack: each class of violation the auditor
 * wrote directly into `cdk.tf.json` (a NetworkPolicy added, a namespace relabelled, a node selector
 * removed) is caught by its rule with the plan's value in the message, exactly as one written through
 * the environment file; the untouched stack passes every one of them.
 */
import { evaluate } from '../../../../policies/engine';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { rules } from '../../../../policies/rules/network';
import { shippedEnvironment, synthEnvironment } from '../../../support/synth';

type Json = Record<string, any>;

const PLAN_ZONE_RULES = [
  'network/medical-record-store-ingress',
  'network/medical-internet-egress',
  'network/medical-entrances',
  'network/guest-egress',
  'network/zone-default-deny',
  'network/zone-node-placement',
  'network/segment-isolation',
];
const prod: Json = synthEnvironment(shippedEnvironment('prod')).json;
const NS = (name: string) =>
  `\${kubernetes_namespace_v1.${Object.keys(prod.resource.kubernetes_namespace_v1).find((key) => prod.resource.kubernetes_namespace_v1[key].metadata.name === name)}.metadata[0].name}`;
const app = (name: string) => ({ match_labels: { 'app.kubernetes.io/name': name } });
const inNamespace = (name: string) => ({ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': name } } });

/** The prod stack with `edit` applied to a copy. */
function changed(edit: (json: Json) => void): Json {
  const json = structuredClone(prod);
  edit(json);
  return json;
}
const addPolicy = (name: string, namespace: string, spec: Json) => (json: Json) => {
  json.resource.kubernetes_network_policy_v1[name] = { metadata: { name, namespace: NS(namespace) }, spec };
};
const relabel = (namespace: string, zone: string) => (json: Json) => {
  const entry = Object.values(json.resource.kubernetes_namespace_v1 as Record<string, Json>).find((candidate) => candidate.metadata.name === namespace)!;
  entry.metadata.labels['platform.hospital/segment'] = zone;
};

function findings(json: Json) {
  const resources = resourcesFromTerraformJson(json, { file: 'cdktf.out/stacks/prod/cdk.tf.json', environment: 'prod' });
  return evaluate(
    resources,
    rules.filter((rule) => PLAN_ZONE_RULES.includes(rule.id)),
    {},
  ).findings;
}
const failures = (json: Json) => findings(json).filter((finding) => finding.status === 'fail');

describe('plan-zone network rules on the synthesized prod cdk.tf.json', () => {
  it('pass on the shipped stack, every rule judging something', () => {
    const all = findings(prod);
    expect(all.filter((finding) => finding.status === 'fail')).toEqual([]);
    for (const id of PLAN_ZONE_RULES)
      expect({ id, passes: all.some((finding) => finding.ruleId === id && finding.status === 'pass') }).toEqual({ id, passes: true });
  });

  const cases: [string, (json: Json) => void, string, RegExp][] = [
    [
      'clinical-data admits the monitoring namespace on the database port',
      addPolicy('his-db-from-monitoring', 'clinical-data', {
        pod_selector: app('his-db'),
        policy_types: ['Ingress'],
        ingress: [{ from: [inNamespace('monitoring')], ports: [{ port: '3306', protocol: 'TCP' }] }],
      }),
      'network/medical-record-store-ingress',
      /clinical-data\/his-db \(medical zone, plan: segments\.namespaces\.clinical-data\) admits traffic no plan flow lists \(segments\.allowedFlows\): .*from monitoring\/prometheus \(management zone\) on TCP 3306/,
    ],
    [
      'clinical-data admits the dmz namespace on the database port',
      addPolicy('emr-db-from-dmz', 'clinical-data', {
        pod_selector: app('emr-db'),
        policy_types: ['Ingress'],
        ingress: [{ from: [inNamespace('dmz-ingress')], ports: [{ port: 'postgresql', protocol: 'TCP' }] }],
      }),
      'network/medical-record-store-ingress',
      /clinical-data\/emr-db .*from dmz-ingress\/traefik \(dmz zone\) on TCP 5432/,
    ],
    [
      'clinical-data admits all namespaces',
      addPolicy('lis-db-from-all', 'clinical-data', {
        pod_selector: app('lis-db'),
        policy_types: ['Ingress'],
        ingress: [{ from: [{ namespace_selector: {} }], ports: [{ port: '1521', protocol: 'TCP' }] }],
      }),
      'network/medical-record-store-ingress',
      /clinical-data\/lis-db .*from guest-services\/guest-portal \(guest zone\) on TCP 1521/,
    ],
    [
      'a medical namespace reaches 0.0.0.0/0',
      addPolicy('emr-internet', 'emr', {
        pod_selector: app('emr'),
        policy_types: ['Egress'],
        egress: [{ to: [{ ip_block: { cidr: '0.0.0.0/0' } }], ports: [{ port: '443', protocol: 'TCP' }] }],
      }),
      'network/medical-internet-egress',
      /emr\/emr \(medical zone, plan: segments\.namespaces\.emr\) may send to the internet traffic no plan flow lists .*\(internet\) on TCP 443/,
    ],
    [
      'a medical namespace reaches one public range',
      addPolicy('lis-resolver', 'lis', {
        pod_selector: app('lis'),
        policy_types: ['Egress'],
        egress: [{ to: [{ ip_block: { cidr: '8.8.8.8/32' } }], ports: [{ port: '53', protocol: 'UDP' }] }],
      }),
      'network/medical-internet-egress',
      /lis\/lis .*to external:8\.8\.8\.8\/32 \(internet\) on UDP 53/,
    ],
    [
      'the ingress controller admitted to registration on its metrics port',
      addPolicy('registration-from-traefik-metrics', 'his', {
        pod_selector: app('registration'),
        policy_types: ['Ingress'],
        ingress: [{ from: [{ ...inNamespace('dmz-ingress'), pod_selector: app('traefik') }], ports: [{ port: 'metrics', protocol: 'TCP' }] }],
      }),
      'network/medical-entrances',
      /his\/registration .*from dmz-ingress\/traefik \(dmz zone\) on TCP 9102/,
    ],
    [
      'the guest portal reaches the data centre network',
      addPolicy('portal-to-dc', 'guest-services', {
        pod_selector: app('guest-portal'),
        policy_types: ['Egress'],
        egress: [{ to: [{ ip_block: { cidr: '10.0.0.0/8' } }] }],
      }),
      'network/guest-egress',
      /guest-services\/guest-portal \(guest zone, plan: segments\.namespaces\.guest-services\) may send to the hospital .*\(hospital network\) on all/,
    ],
    [
      'the guest namespace relabelled as dmz, then a flow to the EMR',
      (json) => {
        relabel('guest-services', 'dmz')(json);
        addPolicy('portal-to-emr', 'guest-services', {
          pod_selector: app('guest-portal'),
          policy_types: ['Egress'],
          egress: [{ to: [{ ...inNamespace('emr'), pod_selector: app('emr') }], ports: [{ port: '8443', protocol: 'TCP' }] }],
        })(json);
        addPolicy('emr-from-dmz', 'emr', {
          pod_selector: app('emr'),
          policy_types: ['Ingress'],
          ingress: [{ from: [{ namespace_selector: { match_labels: { 'platform.hospital/segment': 'dmz' } } }], ports: [{ port: '8443', protocol: 'TCP' }] }],
        })(json);
      },
      'network/segment-isolation',
      /guest-services\/guest-portal \(guest\) can reach emr\/emr \(medical\) on TCP 8443/,
    ],
    [
      // The namespace-wide allow-dns and allow-from-prometheus policies still isolate both directions
      // when the deny-all loses one: the effective set is judged, so reopening it is the violation.
      'the deny-all of a medical namespace reopened to every namespace',
      (json) => {
        const policies = json.resource.kubernetes_network_policy_v1 as Record<string, Json>;
        const deny = Object.values(policies).find((policy) => policy.metadata.namespace === NS('pacs') && policy.metadata.name === 'default-deny')!;
        deny.spec.ingress = [{ from: [{ namespace_selector: {} }] }];
      },
      'network/zone-default-deny',
      /namespace pacs \(medical zone, plan: segments\.namespaces\.pacs; plan: segments\.defaultDenyZones\): .* ingress\[0\] reopens all ingress for every pod/,
    ],
    [
      'the medical node selector removed from the EMR',
      (json) => {
        const emr = Object.values(json.resource.kubernetes_deployment_v1 as Record<string, Json>).find((deployment) => deployment.metadata.name === 'emr')!;
        delete emr.spec.template.spec.node_selector;
      },
      'network/zone-node-placement',
      /emr\/emr \(medical zone\) is not pinned to the medical nodes \(plan: segments\.nodePlacement\.medical = platform\.hospital\/node-pool=medical\)/,
    ],
  ];

  it.each(cases)('%s: caught by its rule', (_name, edit, ruleId, message) => {
    const caught = failures(changed(edit)).filter((finding) => finding.ruleId === ruleId);
    expect(caught.map((finding) => finding.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });
});
