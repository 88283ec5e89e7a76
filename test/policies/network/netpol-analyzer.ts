/**
 * Comparison with np-guard/netpol-analyzer's expected connection lists for the inputs in
 * `tests/<folder>/`: `test_outputs/connlist/<folder>_connlist_output.txt`, else the connection list that
 * opens `<folder>_exposure_output.txt` (the same list, followed by the exposure analysis), read from the
 * Go module at run time: its inputs are never copied into this repository.
 *
 * Both sides are brought to one form before comparing: workloads named as netpol-analyzer names them
 * (`ns/name[Kind]`, a Pod by its controller when the controller is not in the input), a workload's
 * traffic to itself left out, traffic per protocol (TCP, UDP, SCTP; netpol-analyzer has no other
 * protocols), and external peers as address ranges joined where adjacent ranges get the same traffic
 * (netpol-analyzer cuts the address space at every ipBlock of every policy, this analysis only where a
 * rule in use has a boundary; the addresses and their traffic are what is compared).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatInterval, parseAddressRange, type AddressInterval } from '../../../policies/network/addresses';
import {
  analyzeCluster,
  externalAddresses,
  loadNetworkModel,
  NetworkInputError,
  PortSet,
  PROTOCOLS,
  type NetworkAnalysis,
  type Protocol,
  type Workload,
} from '../../../policies/network';
import { tempDir } from '../../support/temp-dir';

export const NETPOL_ANALYZER_MODULE = 'github.com/np-guard/netpol-analyzer';
/** The pinned version (override with NETPOL_ANALYZER_VERSION to try another served one). */
export const NETPOL_ANALYZER_VERSION = process.env.NETPOL_ANALYZER_VERSION ?? 'v1.4.4';

/**
 * Kinds whose connections netpol-analyzer derives from objects other than NetworkPolicy, ANP and BANP
 * (ingress controllers, routers, user-defined and secondary networks): folders with them are out of
 * scope of the comparison.
 */
const OUT_OF_SCOPE_KINDS = new Set([
  'Ingress',
  'Route',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'UserDefinedNetwork',
  'ClusterUserDefinedNetwork',
  'NetworkAttachmentDefinition',
  'MultiNetworkPolicy',
]);

export type ModuleSource = { readonly dir: string; readonly from: string } | { readonly unavailable: string };

/**
 * The module's folder: `NETPOL_ANALYZER_DIR` when set (a checkout or an unpacked module), else the
 * pinned version through the Go module proxy (`go mod download`, into GOMODCACHE).
 */
export function netpolAnalyzerModule(): ModuleSource {
  const given = process.env.NETPOL_ANALYZER_DIR;
  if (given)
    return fs.existsSync(path.join(given, 'tests'))
      ? { dir: given, from: `NETPOL_ANALYZER_DIR=${given}` }
      : { unavailable: `NETPOL_ANALYZER_DIR=${given} has no tests/ folder` };
  const scratch = tempDir('netpol-analyzer-');
  try {
    // Outside any module, so the download does not touch a go.mod; GOFLAGS cleared: build flags such as
    // -mod set for a project do not apply there.
    const result = spawnSync('go', ['mod', 'download', '-json', `${NETPOL_ANALYZER_MODULE}@${NETPOL_ANALYZER_VERSION}`], {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, GOFLAGS: '' },
    });
    if (result.error)
      return {
        unavailable: `go mod download: ${(result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the go command is not installed' : result.error.message}`,
      };
    let info: { Dir?: string; Error?: string } = {};
    try {
      info = JSON.parse(result.stdout) as { Dir?: string; Error?: string };
    } catch {
      return {
        unavailable: `go mod download ${NETPOL_ANALYZER_MODULE}@${NETPOL_ANALYZER_VERSION} exited ${result.status}: ${result.stderr.trim().split('\n')[0]}`,
      };
    }
    if (!info.Dir) return { unavailable: `go mod download ${NETPOL_ANALYZER_MODULE}@${NETPOL_ANALYZER_VERSION}: ${info.Error ?? `exited ${result.status}`}` };
    return { dir: info.Dir, from: `${NETPOL_ANALYZER_MODULE}@${NETPOL_ANALYZER_VERSION} (${info.Dir})` };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export interface FolderAgreement {
  readonly folder: string;
  readonly agrees: boolean;
  /** Lines netpol-analyzer expects that this analysis does not give. */
  readonly missing: readonly string[];
  /** Lines this analysis gives that netpol-analyzer does not expect. */
  readonly extra: readonly string[];
  /** Set when the input was rejected. */
  readonly error?: string;
}

/** The test folders with an expected connection list that use only NetworkPolicy, ANP and BANP. */
export function comparableFolders(moduleDir: string): { folders: string[]; outOfScope: { folder: string; why: string }[] } {
  const testsDir = path.join(moduleDir, 'tests');
  const folders: string[] = [];
  const outOfScope: { folder: string; why: string }[] = [];
  for (const entry of fs.readdirSync(testsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const expected = expectedList(moduleDir, entry.name);
    if (expected === undefined) continue;
    const kinds = kindsIn(path.join(testsDir, entry.name));
    const foreign = [...kinds].filter((kind) => OUT_OF_SCOPE_KINDS.has(kind));
    if (foreign.length > 0) outOfScope.push({ folder: entry.name, why: `uses ${foreign.join(', ')}` });
    else if (/\{ingress-controller\}|\[udn\]/i.test(expected))
      outOfScope.push({ folder: entry.name, why: 'expects ingress-controller or user-defined-network connections' });
    else folders.push(entry.name);
  }
  return { folders, outOfScope };
}

/** The header netpol-analyzer writes between the connection list and the exposure analysis. */
const EXPOSURE_HEADER = 'Exposure Analysis Result:';

/**
 * The expected connection list of a test folder: its `_connlist_output.txt`, else the part of its
 * `_exposure_output.txt` before the exposure analysis (run on the same folder with default options);
 * undefined when it has neither.
 */
export function expectedList(moduleDir: string, folder: string): string | undefined {
  const outputs = path.join(moduleDir, 'test_outputs', 'connlist');
  const connlist = path.join(outputs, `${folder}_connlist_output.txt`);
  if (fs.existsSync(connlist)) return fs.readFileSync(connlist, 'utf8');
  const exposure = path.join(outputs, `${folder}_exposure_output.txt`);
  if (!fs.existsSync(exposure)) return undefined;
  const text = fs.readFileSync(exposure, 'utf8');
  const header = text.indexOf(EXPOSURE_HEADER);
  return header === -1 ? text : text.slice(0, header);
}

/** Every `kind:` of the folder's YAML/JSON files (a cheap scan: only to tell folders apart). */
function kindsIn(folder: string): Set<string> {
  const kinds = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(entry.name))
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/["']?kind["']?\s*:\s*["']?([A-Za-z]+)/g)) kinds.add(match[1]!);
    }
  };
  walk(folder);
  return kinds;
}

/**
 * What netpol-analyzer does not model, which a comparison may set aside to show that a folder differs by
 * that alone:
 * - `ipv6`: it models IPv4 only (IPv6 CIDRs of ANP `networks` are ignored with the warning "IPv6
 *   addresses are not supported", and its address space is 0.0.0.0/0), so IPv6 ranges are left out of
 *   this analysis's lines;
 * - `host-network`: it reads no `hostNetwork` field, so a host-network pod is analysed as a pod of the
 *   pod network (selected by policies, matched by pod selectors, not by ipBlocks).
 */
export type SetAside = 'ipv6' | 'host-network';

export async function compareFolder(moduleDir: string, folder: string, setAside: readonly SetAside[] = []): Promise<FolderAgreement> {
  const expected = canonicalExpected(expectedList(moduleDir, folder) ?? '');
  let actual: Set<string>;
  try {
    const cluster = await loadNetworkModel(path.join(moduleDir, 'tests', folder));
    const analysed = setAside.includes('host-network')
      ? { ...cluster, workloads: cluster.workloads.map(({ hostNetwork: _hostNetwork, ...workload }) => workload) }
      : cluster;
    actual = canonicalActual(analyzeCluster(analysed));
  } catch (error) {
    if (!(error instanceof NetworkInputError)) throw error;
    return { folder, agrees: false, missing: [...expected], extra: [], error: error.message };
  }
  if (setAside.includes('ipv6')) actual = new Set([...actual].filter((line) => !/\[[0-9a-f.]*:[0-9a-f:./-]*\]/i.test(line)));
  const missing = [...expected].filter((line) => !actual.has(line)).sort();
  const extra = [...actual].filter((line) => !expected.has(line)).sort();
  return { folder, agrees: missing.length === 0 && extra.length === 0, missing, extra };
}

/**
 * netpol-analyzer's name of a workload: `ns/name[Kind]`, a Pod by its controller when that is not in the
 * input (`[Pod]` when the reference names no kind). Pods of one controller are one workload there.
 */
export function analyzerName(workload: Workload): string {
  return workload.owner
    ? `${workload.namespace}/${workload.owner.name}[${workload.owner.kind || 'Pod'}]`
    : `${workload.namespace}/${workload.name}[${workload.kind}]`;
}

/** Traffic as `TCP a-b,c;UDP …` over the three protocols netpol-analyzer models ('' when none). */
export function canonicalTraffic(ports: PortSet): string {
  return PROTOCOLS.map((protocol) => {
    const intervals = ports.intervals(protocol);
    return intervals.length === 0 ? '' : `${protocol} ${intervals.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(',')}`;
  })
    .filter((part) => part !== '')
    .join(';');
}

/** Reads netpol-analyzer's traffic text: `All Connections`, `All but: SCTP 9003,TCP 80`, `TCP 8080,UDP 80,5000-6000`. */
export function parseAnalyzerTraffic(text: string): PortSet {
  const trimmed = text.trim();
  if (trimmed === 'All Connections') return PortSet.ANY;
  if (trimmed === 'No Connections') return PortSet.EMPTY;
  if (trimmed.startsWith('All but:')) return PortSet.ANY.minus(parseAnalyzerTraffic(trimmed.slice('All but:'.length)));
  let protocol: Protocol | undefined;
  let result = PortSet.EMPTY;
  for (const token of trimmed
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')) {
    const match = /^(?:(TCP|UDP|SCTP)\s+)?(\d+)(?:-(\d+))?$/.exec(token);
    if (!match) throw new Error(`cannot read the traffic "${text}" (token "${token}")`);
    protocol = (match[1] as Protocol | undefined) ?? protocol;
    if (!protocol) throw new Error(`cannot read the traffic "${text}": ports before a protocol`);
    result = result.union(PortSet.range(protocol, Number(match[2]), Number(match[3] ?? match[2])));
  }
  return result;
}

interface RangeTraffic {
  readonly interval: AddressInterval;
  readonly traffic: string;
}

/** The canonical lines: workload pairs as they are, external ranges joined per workload and direction. */
function canonicalLines(pairs: Map<string, PortSet>, external: Map<string, RangeTraffic[]>): Set<string> {
  const lines = new Set<string>();
  for (const [pair, ports] of pairs) {
    const traffic = canonicalTraffic(ports);
    if (traffic !== '') lines.add(`${pair} : ${traffic}`);
  }
  for (const [key, ranges] of external) {
    const sorted = ranges
      .filter((r) => r.traffic !== '')
      .sort((a, b) => a.interval.family - b.interval.family || (a.interval.first < b.interval.first ? -1 : a.interval.first > b.interval.first ? 1 : 0));
    const joined: { interval: AddressInterval; traffic: string }[] = [];
    for (const range of sorted) {
      const last = joined[joined.length - 1];
      if (last && last.traffic === range.traffic && last.interval.family === range.interval.family && last.interval.last + 1n >= range.interval.first)
        last.interval = { ...last.interval, last: range.interval.last > last.interval.last ? range.interval.last : last.interval.last };
      else joined.push({ interval: range.interval, traffic: range.traffic });
    }
    const [workload, direction] = key.split('\u0000') as [string, string];
    for (const { interval, traffic } of joined) {
      const range = `[${formatInterval(interval)}]`;
      lines.add(direction === 'out' ? `${workload} => ${range} : ${traffic}` : `${range} => ${workload} : ${traffic}`);
    }
  }
  return lines;
}

function addExternal(external: Map<string, RangeTraffic[]>, workload: string, direction: 'in' | 'out', interval: AddressInterval, traffic: string): void {
  const key = `${workload}\u0000${direction}`;
  external.set(key, [...(external.get(key) ?? []), { interval, traffic }]);
}

export function canonicalExpected(text: string): Set<string> {
  const pairs = new Map<string, PortSet>();
  const external = new Map<string, RangeTraffic[]>();
  for (const line of text.split('\n')) {
    const match = /^\s*(\S+)\s+=>\s+(\S+)\s+:\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const [, src, dst, trafficText] = match as unknown as [string, string, string, string];
    const ports = parseAnalyzerTraffic(trafficText);
    const srcRange = rangeOf(src);
    const dstRange = rangeOf(dst);
    if (srcRange) addExternal(external, dst, 'in', srcRange, canonicalTraffic(ports));
    else if (dstRange) addExternal(external, src, 'out', dstRange, canonicalTraffic(ports));
    else if (src !== dst) pairs.set(`${src} => ${dst}`, (pairs.get(`${src} => ${dst}`) ?? PortSet.EMPTY).union(ports));
  }
  return canonicalLines(pairs, external);
}

/** An address range peer of netpol-analyzer (`0.0.0.0-9.255.255.255[External]`), else undefined. */
function rangeOf(peer: string): AddressInterval | undefined {
  const text = peer.replace(/\[External\]$/, '');
  if (!/^[0-9a-fA-F:.]+(?:[-/][0-9a-fA-F:.]+)?$/.test(text) || !/[.:]/.test(text)) return undefined;
  try {
    return parseAddressRange(text);
  } catch {
    return undefined;
  }
}

export function canonicalActual(analysis: NetworkAnalysis): Set<string> {
  const pairs = new Map<string, PortSet>();
  const external = new Map<string, RangeTraffic[]>();
  const nameOf = (endpoint: string): string => analyzerName(analysis.workload(endpoint)!);
  for (const connection of analysis.connections) {
    const srcRange = externalAddresses(connection.src);
    const dstRange = externalAddresses(connection.dst);
    if (srcRange) addExternal(external, nameOf(connection.dst), 'in', srcRange.ranges[0]!, canonicalTraffic(connection.ports));
    else if (dstRange) addExternal(external, nameOf(connection.src), 'out', dstRange.ranges[0]!, canonicalTraffic(connection.ports));
    else {
      const src = nameOf(connection.src);
      const dst = nameOf(connection.dst);
      // Pods of one controller are one workload there: their traffic among themselves is left out.
      if (src !== dst) pairs.set(`${src} => ${dst}`, (pairs.get(`${src} => ${dst}`) ?? PortSet.EMPTY).union(connection.ports));
    }
  }
  return canonicalLines(pairs, external);
}
