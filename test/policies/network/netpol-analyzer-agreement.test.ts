/**
 * Agreement with np-guard/netpol-analyzer on every test folder of its repository that has an expected
 * connection list and uses only NetworkPolicy, ANP and BANP (and workloads): the connection sets must be
 * equal (see netpol-analyzer.ts for the one form both are brought to). The inputs come from the Go
 * module at run time (pinned version, or NETPOL_ANALYZER_DIR); without `go` or the proxy the test is
 * skipped with the reason printed, unless CI=true, where it fails.
 *
 * Run: `npx jest test/policies/network/netpol-analyzer-agreement.test.ts` (another served version:
 * `NETPOL_ANALYZER_VERSION=v1.4.4 npx jest …`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  canonicalActual,
  canonicalExpected,
  canonicalTraffic,
  comparableFolders,
  compareFolder,
  expectedList,
  netpolAnalyzerModule,
  parseAnalyzerTraffic,
  type FolderAgreement,
  type ModuleSource,
  type SetAside,
} from './netpol-analyzer';
import { analyzeCluster, loadNetworkModel } from '../../../policies/network';
import { tempDir } from '../../support/temp-dir';

const HOST_NETWORK =
  'host-network pods: netpol-analyzer reads no hostNetwork field and analyses them as pods of the pod network (selected by NetworkPolicies, matched by pod selectors, not by ipBlocks); ' +
  'this analysis follows the implementation the Kubernetes documentation calls the most common (and OpenShift documents): NetworkPolicies do not apply to host-network pods, and their traffic comes from a node address';
const IPV6 =
  'IPv6: netpol-analyzer models IPv4 only (it ignores IPv6 `networks` with the warning "IPv6 addresses are not supported"; its address space is 0.0.0.0/0); this analysis keeps the IPv6 ranges, which the policies leave open';

/**
 * Folders where the difference is deliberate: netpol-analyzer does not model what this analysis does.
 * Each must still differ as it is, and agree once that one thing is set aside, so the reason stays true.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, { readonly setAside: readonly SetAside[]; readonly reason: string }>> = {
  anp_and_banp_using_networks_with_ipv6_test: { setAside: ['ipv6'], reason: IPV6 },
  anp_banp_test_multiple_warnings: { setAside: ['ipv6'], reason: IPV6 },
  ...Object.fromEntries(
    [
      'ipblockstest',
      'ipblockstest_2',
      'ipblockstest_3',
      'ipblockstest_4',
      'multiple_topology_resources_1',
      'multiple_topology_resources_2',
      'semanticDiff-same-topologies-new1',
      'semanticDiff-same-topologies-new1a',
      'semanticDiff-same-topologies-new2',
      'semanticDiff-same-topologies-new3',
      'semanticDiff-same-topologies-old1',
      'semanticDiff-same-topologies-old2',
      'semanticDiff-same-topologies-old3',
    ].map((folder) => [folder, { setAside: ['host-network'] as const, reason: HOST_NETWORK }]),
  ),
};

jest.setTimeout(600_000);

const summary = (r: FolderAgreement): string =>
  r.error ??
  `missing ${r.missing.slice(0, 3).join(' | ')}${r.missing.length > 3 ? ` (+${r.missing.length - 3})` : ''}; extra ${r.extra.slice(0, 3).join(' | ')}${r.extra.length > 3 ? ` (+${r.extra.length - 3})` : ''}`;

describe('agreement with netpol-analyzer', () => {
  it('reads its traffic notation', () => {
    expect(canonicalTraffic(parseAnalyzerTraffic('All Connections'))).toBe('TCP 1-65535;UDP 1-65535;SCTP 1-65535');
    expect(canonicalTraffic(parseAnalyzerTraffic('TCP 8080,UDP 80,5000-6000'))).toBe('TCP 8080;UDP 80,5000-6000');
    expect(canonicalTraffic(parseAnalyzerTraffic('All but: SCTP 9003,TCP 80'))).toBe('TCP 1-79,81-65535;UDP 1-65535;SCTP 1-9002,9004-65535');
  });

  it('joins adjacent external ranges with the same traffic, whatever the cuts', () => {
    const cut = canonicalExpected(
      'a/x[Deployment] => 0.0.0.0-9.255.255.255[External] : All Connections\na/x[Deployment] => 10.0.0.0-255.255.255.255[External] : All Connections\n',
    );
    const whole = canonicalExpected('a/x[Deployment] => 0.0.0.0-255.255.255.255 : All Connections\n');
    expect([...cut]).toEqual([...whole]);
    expect([...whole]).toEqual(['a/x[Deployment] => [0.0.0.0/0] : TCP 1-65535;UDP 1-65535;SCTP 1-65535']);
  });

  it('takes the connection list of an exposure output (the part before the exposure analysis) when a folder has no connlist output', () => {
    const dir = tempDir('npa-layout-');
    try {
      fs.mkdirSync(path.join(dir, 'test_outputs', 'connlist'), { recursive: true });
      const exposure =
        'a/x[Deployment] => a/y[Deployment] : TCP 80\n\nExposure Analysis Result:\nEgress Exposure:\na/x[Deployment] \t=> \tentire-cluster : All Connections\n';
      fs.writeFileSync(path.join(dir, 'test_outputs', 'connlist', 'f_exposure_output.txt'), exposure);
      expect([...canonicalExpected(expectedList(dir, 'f')!)]).toEqual(['a/x[Deployment] => a/y[Deployment] : TCP 80']);
      fs.writeFileSync(path.join(dir, 'test_outputs', 'connlist', 'f_connlist_output.txt'), 'a/x[Deployment] => a/y[Deployment] : UDP 53\n');
      expect([...canonicalExpected(expectedList(dir, 'f')!)]).toEqual(['a/x[Deployment] => a/y[Deployment] : UDP 53']);
      expect(expectedList(dir, 'none')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('on its test folders', () => {
    let source: ModuleSource;
    beforeAll(() => {
      source = netpolAnalyzerModule();
    });
    /** The module folder, or undefined after printing why the comparison cannot run (an error under CI=true). */
    const moduleDir = (): string | undefined => {
      if (!('unavailable' in source)) return source.dir;
      if (process.env.CI === 'true') throw new Error(`netpol-analyzer's test folders are needed under CI=true: ${source.unavailable}`);
      console.log(
        `SKIPPED: agreement with netpol-analyzer: ${source.unavailable} (needs the go command and the Go module proxy; or set NETPOL_ANALYZER_DIR to a checkout of github.com/np-guard/netpol-analyzer)`,
      );
      return undefined;
    };

    it('gives the connection list netpol-analyzer expects on each NetworkPolicy/ANP/BANP folder, but for the known differences', async () => {
      const dir = moduleDir();
      if (dir === undefined) return;
      const { folders, outOfScope } = comparableFolders(dir);
      expect(folders.length).toBeGreaterThan(100);
      const results: FolderAgreement[] = [];
      for (const folder of folders) results.push(await compareFolder(dir, folder));
      const known = results.filter((r) => KNOWN_DIFFERENCES[r.folder]);
      const setAside: FolderAgreement[] = [];
      for (const r of known) setAside.push(await compareFolder(dir, r.folder, KNOWN_DIFFERENCES[r.folder]!.setAside));
      console.log(
        [
          `netpol-analyzer agreement (${'from' in source ? source.from : dir}): ${results.filter((r) => r.agrees).length} of ${results.length} folders agree exactly; ` +
            `${setAside.filter((r) => r.agrees).length} of the ${known.length} known differences agree once set aside; ${outOfScope.length} out of scope (${outOfScope.map((o) => `${o.folder}: ${o.why}`).join('; ')})`,
          ...results
            .filter((r) => !r.agrees)
            .map((r) =>
              KNOWN_DIFFERENCES[r.folder]
                ? `  known difference ${r.folder} (${KNOWN_DIFFERENCES[r.folder]!.setAside.join('+')}): ${r.missing.length} line(s) missing, ${r.extra.length} extra`
                : `  DIFFERS ${r.folder}: ${summary(r)}`,
            ),
          ...setAside
            .filter((r) => !r.agrees)
            .map((r) => `  DIFFERS ${r.folder} even with ${KNOWN_DIFFERENCES[r.folder]!.setAside.join('+')} set aside: ${summary(r)}`),
        ].join('\n'),
      );
      expect(results.filter((r) => !r.agrees && !KNOWN_DIFFERENCES[r.folder]).map((r) => r.folder)).toEqual([]);
      // A known difference that no longer shows, or that is not only what it says, is a wrong entry.
      expect(known.filter((r) => r.agrees).map((r) => r.folder)).toEqual([]);
      expect(setAside.filter((r) => !r.agrees).map((r) => r.folder)).toEqual([]);
    });

    it('agrees on the folders with Ingress or Route objects once the {ingress-controller} connections (not modelled) are set aside', async () => {
      const dir = moduleDir();
      if (dir === undefined) return;
      const { outOfScope } = comparableFolders(dir);
      expect(outOfScope.length).toBeGreaterThan(0);
      const differing: string[] = [];
      for (const { folder } of outOfScope) {
        const expected = canonicalExpected(
          (expectedList(dir, folder) ?? '')
            .split('\n')
            .filter((line) => !line.includes('{ingress-controller}'))
            .join('\n'),
        );
        const actual = canonicalActual(analyzeCluster(await loadNetworkModel(path.join(dir, 'tests', folder))));
        if (expected.size !== actual.size || [...expected].some((line) => !actual.has(line))) differing.push(folder);
      }
      expect(differing).toEqual([]);
    });
  });
});
