/**
 * What a running Suricata sensor sees and where its alerts go, read from the sensor's own command line
 * and the suricata.yaml it loads (a ConfigMap of the configuration): the capture interface, HOME_NET
 * against the node and pod ranges the network policies record for the environment, and the EVE JSON
 * output. Then the intrusion alert of the monitoring pipeline: an alert on Falco's rule-match counters
 * that fires on a critical match at a level that pages.
 */
import { parse as parseYaml } from 'yaml';
import type { Estate, EstateRule } from '../../model';
import { AddressSet, networkAnalysisOf } from '../../network';
import { planOf } from '../../plan/facts';
import { isObject, str } from '../../values';
import { alertPipelines } from '../monitoring/alert-pipeline';
import { atLeastAsUrgent } from '../monitoring/incident-levels';
import type { SeriesModel } from '../monitoring/promql-model';
import { proveThreshold } from '../monitoring/threshold-proof';
import { clinicalEnvironments, IDS_CONTROLS, type EstateResult } from './scope';
import { mountedFile, option, runningContainers, suricataSensors } from './suricata';

const DEFAULT_SURICATA_CONF = '/etc/suricata/suricata.yaml';
/** Where EVE lines reach the log pipeline: container output is collected, and syslog/redis are shippers of their own. */
const COLLECTED_FILES = new Set(['/dev/stdout', '/dev/stderr', '/proc/self/fd/1', '/proc/self/fd/2']);

const yes = (value: unknown): boolean => value === true || value === 'yes' || value === 'true' || value === 'on';

/** The interface a capture option names (`--af-packet=bond0`, `-i eth0`), or the first af-packet entry of the config. */
function captureInterface(argv: readonly string[], config: Record<string, unknown>): string | undefined {
  const named = option(argv, '-i') ?? option(argv, '--pcap') ?? argv.find((word) => word.startsWith('--af-packet='))?.slice('--af-packet='.length);
  if (named) return named;
  const afPacket = Array.isArray(config['af-packet']) ? config['af-packet'] : [];
  const first = afPacket.find((entry) => isObject(entry) && typeof entry.interface === 'string' && entry.interface !== 'default');
  return isObject(first) ? String(first.interface) : undefined;
}

/** HOME_NET's addresses (`[10.0.0.0/8,172.16.0.0/12]`, `!` exclusions, `$VAR` references resolved). */
function homeNet(groups: Record<string, unknown>, name = 'HOME_NET', depth = 0): AddressSet | undefined {
  const raw = str(groups[name]);
  if (raw === undefined || depth > 5) return undefined;
  let set = AddressSet.EMPTY;
  const minus: AddressSet[] = [];
  for (const part of raw
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    const negated = part.startsWith('!');
    const body = negated ? part.slice(1) : part;
    let addresses: AddressSet | undefined;
    if (body === 'any') addresses = AddressSet.EVERYTHING;
    else if (body.startsWith('$')) addresses = homeNet(groups, body.slice(1), depth + 1);
    else {
      try {
        addresses = AddressSet.ofCidr(body.includes('/') ? body : `${body}/32`);
      } catch {
        addresses = undefined;
      }
    }
    if (!addresses) continue;
    if (negated) minus.push(addresses);
    else set = set.union(addresses);
  }
  return minus.reduce((current, excluded) => current.minus(excluded), set);
}

interface SensorVerdict {
  readonly problems: string[];
  readonly summary: string;
}

function judgeSensor(estate: Estate, sensor: Parameters<typeof runningContainers>[0], ranges: readonly { label: string; cidr: string }[]): SensorVerdict {
  const problems: string[] = [];
  const [first] = runningContainers(sensor, 'suricata');
  if (!first) return { problems: ['runs no suricata container'], summary: '' };
  const { ref, argv } = first;
  const confPath = option(argv, '-c') ?? DEFAULT_SURICATA_CONF;
  const conf = mountedFile(estate, sensor, ref.container, confPath);
  if (conf.content === undefined) return { problems: [`-c ${confPath} is ${conf.source}: what Suricata captures and outputs cannot be proven`], summary: '' };
  let config: unknown;
  try {
    config = parseYaml(conf.content.replace(/^%YAML[^\n]*\n/, ''));
  } catch (error) {
    return { problems: [`${conf.source} is not YAML (${(error as Error).message.split('\n')[0]})`], summary: '' };
  }
  if (!isObject(config)) return { problems: [`${conf.source} is not a mapping`], summary: '' };
  const where = `${ref.path} (${argv.join(' ')})`;
  const device = captureInterface(argv, config);
  if (!device) problems.push(`${where}: no capture interface (neither the command line nor af-packet in ${conf.source})`);
  else if (device === 'lo' || device.startsWith('lo:'))
    problems.push(`${where} captures on ${device}, the loopback interface: no traffic of the segments crosses it`);

  const groups = isObject(config.vars) && isObject(config.vars['address-groups']) ? config.vars['address-groups'] : {};
  const home = homeNet(groups);
  if (!home || home.isEmpty()) problems.push(`${conf.source} vars.address-groups.HOME_NET is ${str(groups.HOME_NET) ?? 'unset'}: no address is protected`);
  else
    for (const range of ranges)
      if (!home.contains(AddressSet.ofCidr(range.cidr)))
        problems.push(
          `${conf.source} vars.address-groups.HOME_NET ${str(groups.HOME_NET)} does not cover the ${range.label} ${range.cidr}: attacks on it are not matched as inbound`,
        );

  const outputs = Array.isArray(config.outputs) ? config.outputs : [];
  const eves = outputs.flatMap((entry) => (isObject(entry) && isObject(entry['eve-log']) ? [entry['eve-log']] : []));
  const eve = eves.find((entry) => yes(entry.enabled));
  if (!eve) problems.push(`${conf.source} outputs has no enabled eve-log: alerts are written nowhere`);
  else {
    const types = Array.isArray(eve.types) ? eve.types : [];
    if (!types.some((type) => type === 'alert' || (isObject(type) && 'alert' in type)))
      problems.push(
        `${conf.source} eve-log.types [${types.map((type) => (isObject(type) ? Object.keys(type)[0] : String(type))).join(', ')}] has no alert: EVE carries no alerts`,
      );
    const filetype = str(eve.filetype) ?? 'regular';
    const filename = str(eve.filename) ?? 'eve.json';
    if (['regular', 'file'].includes(filetype) && !COLLECTED_FILES.has(filename))
      problems.push(
        `${conf.source} eve-log writes ${filename} inside the container, which no log collector reads (the pipeline collects container output: filename /dev/stdout)`,
      );
  }
  return {
    problems,
    summary: `captures on ${device ?? '?'}, HOME_NET ${str(groups.HOME_NET) ?? '?'}, EVE alerts to ${str(eve?.filename) ?? str(eve?.filetype) ?? '?'}`,
  };
}

/** Falco's rule-match counter with one critical match, labelled as Falco 0.38+ (numeric) or earlier (by name) label it. */
const falcoMatches = (priority: string, rate: number): SeriesModel =>
  new Map([
    [
      'falcosecurity_falco_rules_matches_total',
      [
        {
          labels: { rule_name: 'Hospital shell in clinical pod', priority, source: 'syscall', job: 'falco', instance: '10.0.1.11:8765' },
          value: rate > 0 ? 3 : 0,
          rate,
        },
      ],
    ],
  ]);

export const suricataOutput: EstateRule = {
  id: 'intrusion-detection/suricata-output',
  profile: 'platform',
  title:
    'Suricata captures a real interface, protects the environment’s node and pod ranges, writes EVE alerts to the log pipeline, and an intrusion alert pages',
  severity: 'high',
  rationale:
    'Network intrusion detection (ops-8.2; MLPS 2.0 8.1.3.3) needs the sensor to see the segments’ traffic and its alerts to reach someone. Capturing on lo, a HOME_NET that ' +
    'leaves out the medical and guest nodes (rules written $EXTERNAL_NET -> $HOME_NET then never match), EVE output disabled or written to a file inside the container, or an ' +
    'intrusion alert that is deleted or opens a ticket instead of a page, all keep the sensor running and silent.',
  remediation:
    'Run suricata with --af-packet=<the nodes’ uplink> (never lo); in suricata.yaml set vars.address-groups.HOME_NET to cover the node and pod CIDRs the network policies record ' +
    '(environments/<env>.yaml intrusionDetection.suricata.homeNet, networkFlows.clusterCidrs), keep an enabled eve-log with the alert type writing to /dev/stdout; keep an alert ' +
    'on falcosecurity_falco_rules_matches_total for critical matches (IntrusionDetected) with severity monitoring.coreSystemDownLevel or more urgent.',
  resourceTypes: ['kubernetes_daemon_set_v1', 'kubernetes_daemon_set', 'helm_release'],
  controls: IDS_CONTROLS,
  planKeys: ['intrusionDetection.suricata.segments', 'monitoring.coreSystemDownLevel', 'incidentLevels'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const paging = plan.monitoring.coreSystemDownLevel;
    return clinicalEnvironments(estate).flatMap((environment): EstateResult[] => {
      const results: EstateResult[] = [];
      const sensors = suricataSensors(estate, environment);
      const network = networkAnalysisOf(estate, environment);
      const cluster = network.analysis?.cluster;
      const ranges = [
        ...(cluster?.nodeCidrs ?? []).map((cidr) => ({ label: 'node range', cidr })),
        ...(cluster?.podCidrs ?? []).map((cidr) => ({ label: 'pod range', cidr })),
      ];
      const rangeRef =
        ranges.length > 0
          ? `node/pod ranges recorded by the network policies: ${ranges.map((range) => range.cidr).join(', ')}`
          : 'no node or pod range recorded by the network policies';
      const planRef = `plan: intrusionDetection.suricata.segments ${plan.intrusionDetection.suricata.segments.join(', ')}; ${rangeRef}`;
      if (sensors.length === 0)
        results.push({
          resource: 'kubernetes_daemon_set_v1.suricata',
          environment,
          status: 'fail',
          message: `no DaemonSet runs suricata in ${environment}: no network alert is produced (${planRef})`,
        });
      else {
        const verdicts = sensors.map((sensor) => ({ sensor, ...judgeSensor(estate, sensor, ranges) }));
        const good = verdicts.find((verdict) => verdict.problems.length === 0);
        const subject = (good ?? verdicts[0]!).sensor;
        results.push(
          good
            ? { resource: subject.address, environment, file: subject.file, status: 'pass', message: `Suricata ${good.summary} (${planRef})` }
            : { resource: subject.address, environment, file: subject.file, status: 'fail', message: `${verdicts[0]!.problems.join('; ')} (${planRef})` },
        );
      }

      const pipelines = alertPipelines(estate, environment);
      const alertRef = `plan: intrusionDetection, monitoring.coreSystemDownLevel ${paging}, incidentLevels.${paging}.respondWithinMinutes ${plan.incidentLevels[paging]?.respondWithinMinutes ?? '?'}`;
      const stack = pipelines[0];
      if (!stack) return results;
      const answer = proveThreshold(pipelines, plan, {
        mustFire: [
          { label: 'a critical Falco rule match (priority "2", Falco ≥ 0.38)', model: falcoMatches('2', 0.01) },
          { label: 'a critical Falco rule match (priority "Critical")', model: falcoMatches('Critical', 0.01) },
        ],
        healthy: falcoMatches('2', 0),
        levelProblem: (rule) =>
          atLeastAsUrgent(plan, rule.labels.severity, paging)
            ? undefined
            : `severity ${rule.labels.severity ?? 'unset'} is less urgent than ${paging}, so it does not page`,
      });
      const subject = { resource: stack.release.address, environment, file: stack.release.file };
      results.push(
        answer.proven
          ? {
              ...subject,
              status: 'pass',
              message: `intrusion alert: ${answer.alerts.map((alert) => `${alert.alert} (${alert.labels.severity})`).join(', ')} fire(s) on a critical Falco match at a paging level (${alertRef})`,
            }
          : {
              ...subject,
              status: 'fail',
              message: `intrusion alert: no alert of additionalPrometheusRulesMap fires at ${answer.missed!.label}${answer.notes.length ? `; ${answer.notes.join('; ')}` : ''} (${alertRef})`,
            },
      );
      return results;
    });
  },
};
