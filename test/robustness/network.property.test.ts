import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyzeCluster, clusterFromManifests, externalAddresses, toJson, type NetworkJson } from '../../policies/network';
import { AddressSet } from '../../policies/network/addresses';

/**
 * Invariants of the reachability analysis over randomly generated clusters: a deny-all policy on
 * both sides leaves no connection; adding an allow rule never removes a connection; the order of the
 * documents does not matter.
 */
const NAMESPACES = ['his', 'lis', 'guest', 'dmz'];
const APPS = ['web', 'db', 'api', 'portal'];
const TIERS = ['core', 'standard'];

type Doc = Record<string, unknown>;

const labelSelector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ app: fc.constantFrom(...APPS) }) }),
  fc.record({
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({
          key: fc.constantFrom('app', 'tier'),
          operator: fc.constantFrom('In', 'NotIn'),
          values: fc.subarray([...APPS, ...TIERS], { minLength: 1 }),
        }),
        fc.record({ key: fc.constantFrom('app', 'tier', 'zone'), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  }),
);

const namespaceSelector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom(...NAMESPACES) }) }),
  fc.record({ matchLabels: fc.record({ segment: fc.constantFrom('medical', 'guest') }) }),
);

const peer = fc.oneof(
  fc.record({ podSelector: labelSelector }),
  fc.record({ namespaceSelector }),
  fc.record({ podSelector: labelSelector, namespaceSelector }),
  // Only ipBlocks the API server accepts (each except inside its cidr): a policy it would reject is left
  // out of the analysis with a warning, so adding such a rule removes the whole policy, not widens it.
  fc.record({
    ipBlock: fc.constantFrom(
      { cidr: '0.0.0.0/0', except: [] },
      { cidr: '0.0.0.0/0', except: ['10.1.0.0/16'] },
      { cidr: '10.0.0.0/8', except: [] },
      { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
      { cidr: '192.168.1.0/24', except: [] },
    ),
  }),
);

const port = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom(80, 443, 5432, 8080) }),
  fc.record({ protocol: fc.constant('TCP'), port: fc.constant(8000), endPort: fc.constantFrom(8000, 8100) }),
  fc.record({ port: fc.constantFrom('http', 'db') }),
);

const rule = fc.record({
  peers: fc.option(fc.array(peer, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  ports: fc.option(fc.array(port, { minLength: 1, maxLength: 2 }), { nil: undefined }),
});

const policy = (index: number) =>
  fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      podSelector: labelSelector,
      types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress'], undefined),
      ingress: fc.array(rule, { maxLength: 2 }),
      egress: fc.array(rule, { maxLength: 2 }),
    })
    .map(({ namespace, podSelector, types, ingress, egress }) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `policy-${index}`, namespace },
      spec: {
        podSelector,
        ...(types ? { policyTypes: types } : {}),
        ingress: ingress.map((r) => ({ ...(r.peers ? { from: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })),
        egress: egress.map((r) => ({ ...(r.peers ? { to: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })),
      },
    }));

const pod = (index: number) =>
  fc.record({ namespace: fc.constantFrom(...NAMESPACES), app: fc.constantFrom(...APPS), tier: fc.constantFrom(...TIERS) }).map(({ namespace, app, tier }) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app}-${index}`, namespace, labels: { app, tier } },
    spec: {
      containers: [
        {
          name: app,
          image: 'x',
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'db', containerPort: 5432 },
          ],
        },
      ],
    },
  }));

const namespaceDocs: Doc[] = NAMESPACES.map((name) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { segment: name === 'guest' ? 'guest' : 'medical' } },
}));

const clusterDocs = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }))
  .chain(([pods, policies]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: pods }, (_, i) => pod(i))),
      policies === 0 ? fc.constant([] as Doc[]) : fc.tuple(...Array.from({ length: policies }, (_, i) => policy(i))),
    ),
  )
  .map(([pods, policies]) => [...namespaceDocs, ...(pods as Doc[]), ...(policies as Doc[])]);

const analyze = (docs: readonly Doc[]): NetworkJson =>
  toJson(analyzeCluster(clusterFromManifests([{ file: 'cluster.yaml', text: docs.map((doc) => stringify(doc)).join('---\n') }])));

/**
 * Every (src, dst, protocol, port) the analysis allows, for subset checks. External endpoints are
 * address ranges, cut wherever the policies' ipBlocks have a boundary: they are compared as addresses
 * (`external` in the tuple, the ranges in `externalRanges`).
 */
function allowedTuples(result: NetworkJson): { tuples: Set<string>; externalRanges: Map<string, AddressSet> } {
  const tuples = new Set<string>();
  const externalRanges = new Map<string, AddressSet>();
  for (const connection of result.connections) {
    const srcRange = externalAddresses(connection.src);
    const dstRange = externalAddresses(connection.dst);
    const src = srcRange ? 'external' : connection.src;
    const dst = dstRange ? 'external' : connection.dst;
    const keys = connection.all
      ? [`${src}>${dst}:all`]
      : connection.ports.flatMap((range) => Array.from({ length: range.to - range.from + 1 }, (_, i) => `${src}>${dst}:${range.protocol}/${range.from + i}`));
    for (const key of keys) {
      tuples.add(key);
      const addresses = srcRange ?? dstRange;
      if (addresses) externalRanges.set(key, (externalRanges.get(key) ?? AddressSet.EMPTY).union(addresses));
    }
  }
  return { tuples, externalRanges };
}

function covers(after: ReturnType<typeof allowedTuples>, before: ReturnType<typeof allowedTuples>, tuple: string): boolean {
  const all = `${tuple.slice(0, tuple.lastIndexOf(':'))}:all`;
  const needed = before.externalRanges.get(tuple);
  if (!needed) return after.tuples.has(tuple) || after.tuples.has(all);
  return (after.externalRanges.get(tuple) ?? AddressSet.EMPTY).union(after.externalRanges.get(all) ?? AddressSet.EMPTY).contains(needed);
}

describe('network analysis, property-based', () => {
  it('a deny-all policy on both sides in every namespace leaves no connection', () => {
    fc.assert(
      fc.property(clusterDocs, (docs) => {
        const denyAll = NAMESPACES.map((namespace) => ({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'deny-all', namespace },
          spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        }));
        // Only deny-all policies: nothing may be allowed, between workloads or to the outside.
        const withoutOtherPolicies = docs.filter((doc) => doc.kind !== 'NetworkPolicy');
        expect(analyze([...withoutOtherPolicies, ...denyAll]).connections).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('adding an allow rule to a policy never removes a connection', () => {
    fc.assert(
      fc.property(clusterDocs, rule, fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'), fc.nat(), (docs, extra, direction, pick) => {
        const policies = docs.filter((doc) => doc.kind === 'NetworkPolicy');
        fc.pre(policies.length > 0);
        const target = policies[pick % policies.length]! as { spec: Record<string, unknown[]> & { policyTypes?: string[] } };
        // Without policyTypes, an egress rule would switch egress isolation on (Egress is implied only
        // when egress rules exist): that is a new isolation, not a widened allow.
        const types = target.spec.policyTypes ?? ['Ingress', ...(target.spec.egress?.length ? ['Egress'] : [])];
        fc.pre(types.includes(direction === 'ingress' ? 'Ingress' : 'Egress'));
        const before = allowedTuples(analyze(docs));
        const key = direction === 'ingress' ? 'from' : 'to';
        const widened = docs.map((doc) =>
          doc === target
            ? {
                ...doc,
                spec: {
                  ...target.spec,
                  [direction]: [
                    ...(target.spec[direction] ?? []),
                    { ...(extra.peers ? { [key]: extra.peers } : {}), ...(extra.ports ? { ports: extra.ports } : {}) },
                  ],
                },
              }
            : doc,
        );
        const after = allowedTuples(analyze(widened));
        for (const tuple of before.tuples) expect(covers(after, before, tuple) ? tuple : `lost ${tuple}`).toBe(tuple);
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of documents', () => {
    fc.assert(
      fc.property(
        clusterDocs.chain((docs) => fc.tuple(fc.constant(docs), fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }))),
        ([docs, shuffled]) => {
          expect(analyze(shuffled)).toEqual(analyze(docs));
        },
      ),
      { numRuns: 100 },
    );
  });
});
