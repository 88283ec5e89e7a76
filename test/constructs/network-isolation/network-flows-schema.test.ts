import { environmentSchema } from '../../../environments/schema';
import { shippedEnvironment } from '../../support/environments';

/** The prod file with its networkFlows replaced; returns the schema's messages by key path. */
function problems(networkFlows: unknown): string[] {
  const { name: _name, file: _file, ...prod } = shippedEnvironment('prod');
  const result = environmentSchema.safeParse({ ...prod, networkFlows });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const base = { clusterCidrs: { pods: ['10.244.0.0/16'], services: ['10.96.0.0/12'], nodes: ['10.0.0.0/24'] }, ingressController: 'dmz-ingress/traefik' };

describe('networkFlows in the environment file', () => {
  it('accepts the shipped flows', () => {
    for (const name of ['dev', 'staging', 'prod', 'dr']) expect(shippedEnvironment(name).networkFlows?.flows.length).toBeGreaterThan(10);
  });

  it.each([
    [
      { from: 'guest-services/guest-portal', to: 'his/registration', ports: ['http'] },
      /networkFlows\.flows\.0: expected no flow between the guest and medical segments/,
    ],
    [{ from: 'emr/emr', to: 'guest-services/guest-portal', ports: [8080] }, /networkFlows\.flows\.0: expected no flow between the guest and medical segments/],
    [
      { from: 'guest-services/guest-portal', to: 'monitoring/prometheus', ports: [9090] },
      /networkFlows\.flows\.0\.from: expected no flow out of the guest segment/,
    ],
    [{ from: 'monitoring/prometheus', to: 'guest-services/*', ports: ['metrics'] }, /networkFlows\.flows\.0\.from: expected only the dmz ingress controller/],
    [{ from: '0.0.0.0/0', to: 'guest-services/guest-portal', ports: [8080] }, /expected only the dmz ingress controller/],
    [{ from: 'his/registration', to: 'nowhere/x', ports: [80] }, /networkFlows\.flows\.0\.to: expected one of the declared namespaces/],
    [
      { from: 'his/registration', to: 'his registration', ports: [80] },
      /networkFlows\.flows\.0\.to: expected "namespace\/workload", "namespace\/\*" or a CIDR/,
    ],
    [{ from: 'his/registration', to: 'emr/emr', ports: [] }, /networkFlows\.flows\.0\.ports/],
    [{ from: 'his/registration', to: 'emr/emr', ports: [{ port: 'http', endPort: 90 }] }, /networkFlows\.flows\.0\.ports\.0\.endPort/],
    [{ from: '10.0.0.0/8', to: '10.1.0.0/16', ports: [80] }, /expected at least one side inside the cluster/],
  ])('rejects %j', (flow, message) => {
    expect(problems({ ...base, flows: [flow] }).join('\n')).toMatch(message);
  });

  it('requires the ingress controller to be in the dmz segment', () => {
    expect(problems({ ...base, ingressController: 'monitoring/prometheus' }).join('\n')).toMatch(
      /networkFlows\.ingressController: expected a namespace of the dmz segment/,
    );
  });

  it('requires the cluster CIDRs as CIDRs', () => {
    expect(problems({ ...base, clusterCidrs: { pods: ['10.244.0.0'], services: ['10.96.0.0/12'], nodes: ['10.0.0.0/24'] } }).join('\n')).toMatch(
      /networkFlows\.clusterCidrs\.pods\.0: expected a CIDR/,
    );
    expect(problems({ ...base, clusterCidrs: { pods: ['10.244.0.0/16'], services: ['10.96.0.0/12'] } }).join('\n')).toMatch(
      /networkFlows\.clusterCidrs\.nodes/,
    );
  });
});
