/** The `--deny` side grammar: every form is resolved against the input, and a side that matches nothing is an error. */
import { findViolations, NetworkInputError, parseDenyRule, type NetworkAnalysis } from '../../../policies/network';
import { analyzeYaml, namespace, pod, policy } from './helpers';

const SEGMENT = 'platform.hospital/segment';

const hospital = analyzeYaml(
  [
    namespace('wifi', { [SEGMENT]: 'guest' }),
    namespace('dmz-ingress', { [SEGMENT]: 'dmz' }),
    namespace('his', { [SEGMENT]: 'medical' }),
    pod('wifi', 'portal', { app: 'portal' }),
    pod('dmz-ingress', 'traefik', { app: 'traefik' }),
    pod('his', 'emr', { app: 'emr', 'platform.hospital/tier': 'core' }),
    pod('his', 'billing', { app: 'billing' }),
    policy('his', 'only-from-dmz', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [SEGMENT]: 'dmz' } } }] }] }),
    policy('wifi', 'internet-only', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
    }),
  ].join(''),
);

const flows = (analysis: NetworkAnalysis, deny: string): string[] =>
  findViolations(analysis, [parseDenyRule(deny)]).map((v) => `${v.connection.src} -> ${v.connection.dst}`);

function rejection(deny: string): string {
  try {
    findViolations(hospital, [parseDenyRule(deny)]);
  } catch (error) {
    if (error instanceof NetworkInputError) return error.message;
    throw error;
  }
  throw new Error(`--deny "${deny}" was accepted`);
}

describe('--deny sides', () => {
  it('a label selector matches namespace labels (dmz → medical flows exist)', () => {
    expect(flows(hospital, `${SEGMENT}=dmz -> ${SEGMENT}=medical`)).toEqual(['dmz-ingress/traefik -> his/billing', 'dmz-ingress/traefik -> his/emr']);
    expect(flows(hospital, `${SEGMENT}=guest -> ${SEGMENT}=medical`)).toEqual([]);
  });

  it('a label selector also matches pod labels', () => {
    expect(flows(hospital, 'app=traefik -> platform.hospital/tier=core')).toEqual(['dmz-ingress/traefik -> his/emr']);
  });

  it('a bare word is a namespace name; namespace/workload and namespace/* name workloads', () => {
    expect(flows(hospital, 'dmz-ingress -> his')).toEqual(['dmz-ingress/traefik -> his/billing', 'dmz-ingress/traefik -> his/emr']);
    expect(flows(hospital, 'dmz-ingress/traefik -> his/emr')).toEqual(['dmz-ingress/traefik -> his/emr']);
    expect(flows(hospital, 'dmz-ingress/* -> his/billing')).toEqual(['dmz-ingress/traefik -> his/billing']);
  });

  it('* and external match what they say', () => {
    expect(flows(hospital, 'external -> his/emr')).toEqual([]);
    expect(flows(hospital, 'wifi -> external')).toEqual(['wifi/portal -> external:0.0.0.0-9.255.255.255', 'wifi/portal -> external:11.0.0.0-255.255.255.255']);
    expect(flows(hospital, '* -> his/emr')).toEqual(['dmz-ingress/traefik -> his/emr']);
  });

  it('external:<cidr> compares address ranges: a flow exists iff the allowed ranges intersect it', () => {
    // 0.0.0.0/0 except 10.0.0.0/8: nothing inside 10.0.0.0/8 is reachable, anything outside it is.
    expect(flows(hospital, 'wifi -> external:10.0.0.0/8')).toEqual([]);
    expect(flows(hospital, 'wifi -> external:10.20.30.40')).toEqual([]);
    expect(flows(hospital, 'wifi -> external:8.8.8.8/32')).toEqual(['wifi/portal -> external:0.0.0.0-9.255.255.255']);
    expect(flows(hospital, 'wifi -> external:9.0.0.0-11.0.0.0')).toEqual([
      'wifi/portal -> external:0.0.0.0-9.255.255.255',
      'wifi/portal -> external:11.0.0.0-255.255.255.255',
    ]);
  });

  it.each([
    // A typo in the key: the real key and its values are suggested.
    [
      `${SEGMENT.replace('segment', 'segmnt')}=dmz -> ${SEGMENT}=medical`,
      /the side "platform\.hospital\/segmnt=dmz" matches nothing in the input .*closest that exist: platform\.hospital\/segment=dmz/,
    ],
    // A bare word that is neither a namespace nor a label key: the label whose value it is.
    ['guest -> medical', /the side "guest" matches nothing in the input \(no namespace of that name.*closest that exist: platform\.hospital\/segment=guest/],
    // A value that no namespace or pod carries.
    [`${SEGMENT}=gust -> his`, /the side "platform\.hospital\/segment=gust" matches nothing .*closest that exist: platform\.hospital\/segment=guest/],
    // A workload that does not exist in an existing namespace.
    [
      'dmz-ingress/traefk -> his',
      /the side "dmz-ingress\/traefk" matches nothing in the input \(namespace "dmz-ingress" has no workload "traefk"\); closest that exist: dmz-ingress\/traefik/,
    ],
    // A namespace wildcard on a namespace that does not exist.
    ['dmz/* -> his', /the side "dmz\/\*" matches nothing in the input \(no namespace "dmz"\)/],
    // The right side is checked too.
    ['wifi -> medical', /the side "medical" matches nothing/],
  ])('rejects %s, naming the side and what exists', (deny, message) => {
    expect(rejection(deny)).toMatch(message);
  });

  it('rejects a bad range after external:', () => {
    expect(() => parseDenyRule('wifi -> external:10.0.0.0/33')).toThrow(/exceeds 32 bits/);
    expect(() => parseDenyRule('wifi -> external:10.0.0.9-10.0.0.1')).toThrow(/not an address range/);
  });
});
