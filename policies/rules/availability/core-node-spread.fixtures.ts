import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { core, plainDeployment } from './fixtures-shared';

const spread = [
  { max_skew: 1, topology_key: 'kubernetes.io/hostname', when_unsatisfiable: 'DoNotSchedule', label_selector: [{ match_labels: { app: 'billing' } }] },
];
const billing = (podSpec: Record<string, unknown>) =>
  workload('kubernetes_deployment_v1', 'billing', { labels: core, replicas: 3, podSpec: { topology_spread_constraint: spread, ...podSpec } });
const requiredAffinity = (...terms: Record<string, unknown>[]) => ({
  affinity: { node_affinity: { required_during_scheduling_ignored_during_execution: { node_selector_term: terms } } },
});
const hostsIn = (...hosts: string[]) => ({ match_expressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: hosts }] });
const pool = { match_expressions: [{ key: 'platform.hospital/node-pool', operator: 'In', values: ['medical'] }] };

export const coreNodeSpreadFixtures: RuleFixtures = {
  ruleId: 'availability/core-node-spread',
  pass: [
    {
      name: 'placed by node pool, spread over hosts',
      terraform: billing({ node_selector: { 'platform.hospital/node-pool': 'medical' } }),
      message: 'no placement names single nodes',
    },
    { name: 'required affinity to a node pool', terraform: billing(requiredAffinity(pool)) },
    { name: 'affinity naming two nodes', terraform: billing(requiredAffinity(hostsIn('med-node-1', 'med-node-2'))), message: 'may run on 2 named nodes' },
    { name: 'one term names a host, another leaves the pool open (terms are ORed)', terraform: billing(requiredAffinity(hostsIn('med-node-1'), pool)) },
  ],
  fail: [
    {
      name: 'node selector on one hostname',
      terraform: billing({ node_selector: { 'platform.hospital/node-pool': 'medical', 'kubernetes.io/hostname': 'med-node-1' } }),
      message: 'spec[0].template[0].spec[0] pins every replica to node "med-node-1": one node failure stops the system',
    },
    { name: 'node_name set', terraform: billing({ node_name: 'med-node-2' }), message: 'node "med-node-2"' },
    { name: 'required affinity to one host', terraform: billing(requiredAffinity(hostsIn('med-node-1'))), message: 'node "med-node-1"' },
    {
      name: 'a pool and one host in the same term (ANDed)',
      terraform: billing(requiredAffinity({ match_expressions: [...pool.match_expressions, ...hostsIn('med-node-3').match_expressions] })),
      message: 'node "med-node-3"',
    },
    {
      name: 'metadata.name field selecting one node',
      terraform: billing(requiredAffinity({ match_fields: [{ key: 'metadata.name', operator: 'In', values: ['med-node-1'] }] })),
      message: 'node "med-node-1"',
    },
    {
      name: 'a core stateful set pinned by hostname',
      terraform: workload('kubernetes_stateful_set_v1', 'lis-db', {
        labels: core,
        replicas: 3,
        podSpec: { node_selector: { 'kubernetes.io/hostname': 'db-node-1' } },
      }),
      message: 'node "db-node-1"',
    },
  ],
  skip: [{ name: 'a workload that is not core', terraform: plainDeployment('guest-portal', 2), message: 'not a core workload' }],
};
