import { parse as parseYaml } from 'yaml';
import { CRON_JOB_TYPES } from '../../kubernetes';
import { isUnknown, type EstateRule, type Resource } from '../../model';
import { planOf } from '../../plan/facts';
import { get, isObject, str } from '../../values';
import { longestGap, scheduleProblem } from '../backup/schedule-gaps';
import { clinicalEnvironments, IDS_CONTROLS, type EstateResult } from './scope';
import { claimOf, mountedFile, option, ruleUpdateJobs, runningContainers, suricataSensors, volumeAt } from './suricata';

/** suricata-update's defaults (suricata-update(1)): where it writes and which filter files it reads. */
const DEFAULT_OUTPUT = '/var/lib/suricata/rules';
const DEFAULT_ENABLE_CONF = '/etc/suricata/enable.conf';
const DEFAULT_SURICATA_CONF = '/etc/suricata/suricata.yaml';
/** Subcommands that manage sources instead of updating the rules. */
const NON_UPDATE_COMMANDS = new Set([
  'update-sources',
  'list-sources',
  'list-enabled-sources',
  'add-source',
  'enable-source',
  'disable-source',
  'remove-source',
  'check-versions',
]);

/** Options with which suricata-update prints something and exits. */
const INFORMATIONAL_OPTIONS = new Set(['-h', '--help', '-V', '--version', '--dump-sample-configs']);

const glob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/**
 * The ET Open rule files an enable.conf turns on: `group:<file>` matchers (globs allowed, with or
 * without `.rules`) and `re:` matchers that match every rule. A `re:` on some rules, a sid or a
 * metadata matcher enables part of a file at most, which does not cover an attack class.
 */
export function enabledBy(enableConf: string, file: string): string | undefined {
  for (const raw of enableConf.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line.startsWith('group:')) {
      const pattern = line.slice('group:'.length).trim();
      if (glob(pattern).test(`${file}.rules`) || glob(pattern).test(file)) return line;
    } else if (line.startsWith('re:')) {
      const source = line.slice('re:'.length).trim();
      if (['', '.', '.*', '^', '.+'].includes(source)) return line;
    }
  }
  return undefined;
}

interface JobVerdict {
  readonly job: Resource;
  readonly problems: readonly string[];
  readonly summary: string;
}

function judgeJob(estate: Parameters<EstateRule['evaluate']>[0], job: Resource, sensors: readonly Resource[]): JobVerdict {
  const plan = planOf(estate);
  const { categories, refreshWithinHours } = plan.intrusionDetection.suricata;
  const problems: string[] = [];
  const spec = get(job.values, 'spec[0]');
  if (get(spec, 'suspend') === true) problems.push('spec.suspend is true: the rules are never refreshed');
  const schedule = get(spec, 'schedule');
  const timeZone = str(get(spec, 'timezone')) ?? 'UTC';
  if (isUnknown(schedule) || typeof schedule !== 'string') problems.push('spec.schedule is known only after apply; failing closed');
  else {
    const invalid = scheduleProblem(schedule, timeZone);
    if (invalid) problems.push(`spec.schedule: ${invalid}`);
    else {
      const gap = longestGap([{ schedule, timeZone }]);
      if (gap.maxGapHours > refreshWithinHours)
        problems.push(
          `spec.schedule "${schedule}" leaves ${Math.round(gap.maxGapHours * 10) / 10} h between refreshes > ${refreshWithinHours} h (plan: intrusionDetection.suricata.refreshWithinHours)`,
        );
    }
  }
  const [{ ref, argv }] = runningContainers(job, 'suricata-update');
  const where = `${ref.path} (${argv.join(' ')})`;
  const subcommand = argv.slice(1).find((word) => !word.startsWith('-'));
  if (subcommand && NON_UPDATE_COMMANDS.has(subcommand)) problems.push(`${where} runs "suricata-update ${subcommand}", which updates no rules`);
  if (argv.includes('--offline')) problems.push(`${where}: --offline downloads no new rules`);
  const informational = argv.find((word) => INFORMATIONAL_OPTIONS.has(word));
  if (informational) problems.push(`${where}: ${informational} prints and exits without updating the rules`);
  if (option(argv, '--url') !== undefined && !argv.includes('--etopen')) problems.push(`${where}: --url replaces the ET Open source (add --etopen)`);
  const enablePath = option(argv, '--enable-conf') ?? DEFAULT_ENABLE_CONF;
  const enable = mountedFile(estate, job, ref.container, enablePath);
  if (enable.content === undefined) problems.push(`${where}: enable-conf ${enablePath} is ${enable.source}: the plan's categories cannot be proven enabled`);
  else {
    for (const [attack, files] of Object.entries(categories)) {
      if (!files.some((file) => enabledBy(enable.content!, file)))
        problems.push(`${attack} (${files.join(' or ')}) is not enabled by ${enable.source} (plan: intrusionDetection.suricata.categories.${attack})`);
    }
  }
  // The rules must land where a sensor reads them.
  const output = option(argv, '--output', '-o') ?? DEFAULT_OUTPUT;
  const written = volumeAt(job, ref.container, output);
  const claim = written ? claimOf(written.volume) : undefined;
  if (!claim) problems.push(`${where}: --output ${output} is not on a PersistentVolumeClaim a Suricata sensor could read`);
  else {
    const readers = sensors.filter((sensor) =>
      runningContainers(sensor, 'suricata').some(({ ref: sensorRef, argv: sensorArgv }) => sensorLoads(estate, sensor, sensorRef.container, sensorArgv, claim)),
    );
    if (readers.length === 0)
      problems.push(
        `no Suricata sensor loads suricata.rules from PersistentVolumeClaim ${claim}, where ${job.address} writes them (suricata.yaml default-rule-path / rule-files)`,
      );
  }
  return {
    job,
    problems,
    summary: `${job.address} refreshes ${Object.keys(categories).join(', ')} (${typeof schedule === 'string' ? schedule : '?'}) into ${claim ?? '?'}`,
  };
}

/** Whether a sensor container's suricata.yaml loads `suricata.rules` from the mounted claim. */
function sensorLoads(
  estate: Parameters<EstateRule['evaluate']>[0],
  sensor: Resource,
  container: Record<string, unknown>,
  argv: readonly string[],
  claim: string,
): boolean {
  const confPath = option(argv, '-c') ?? DEFAULT_SURICATA_CONF;
  const conf = mountedFile(estate, sensor, container, confPath);
  if (conf.content === undefined) return false;
  let parsed: unknown;
  try {
    parsed = parseYaml(conf.content.replace(/^%YAML[^\n]*\n/, ''));
  } catch {
    return false;
  }
  if (!isObject(parsed)) return false;
  const rulePath = str(parsed['default-rule-path']) ?? '/var/lib/suricata/rules';
  const files = Array.isArray(parsed['rule-files']) ? parsed['rule-files'].map(String) : [];
  const file = files.find((name) => name === 'suricata.rules' || name.endsWith('/suricata.rules'));
  if (!file) return false;
  const full = file.startsWith('/') ? file : `${rulePath.replace(/\/$/, '')}/${file}`;
  const mounted = volumeAt(sensor, container, full);
  return mounted !== undefined && claimOf(mounted.volume) === claim;
}

export const suricataRules: EstateRule = {
  id: 'intrusion-detection/suricata-rules',
  profile: 'platform',
  title: 'Suricata runs the plan’s attack categories (SQL injection, web attacks, brute force), refreshed within the plan’s interval',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.2) names the attacks the network sensor must recognise on the medical and guest segments: SQL injection, web attacks and brute force ' +
    '(MLPS 2.0 8.1.3.3 requires detecting and alerting on network attacks, 8.1.4.4 keeping detection current). A sensor whose suricata-update job no longer enables ' +
    'those ET Open categories, runs offline or from another source, is suspended, runs less than daily, or writes where the sensor does not read, detects none of them.',
  remediation:
    'Keep a CronJob running `suricata-update` against ET Open with --enable-conf pointing at a ConfigMap file that enables `group:<file>.rules` for every file ' +
    'intrusionDetection.suricata.categories lists, on a schedule with at most refreshWithinHours between runs, writing --output to the PersistentVolumeClaim the Suricata ' +
    'DaemonSet mounts at the default-rule-path of its suricata.yaml (environments/<env>.yaml intrusionDetection.suricata.rulesUpdate).',
  resourceTypes: [...CRON_JOB_TYPES],
  controls: IDS_CONTROLS,
  planKeys: ['intrusionDetection.suricata.categories', 'intrusionDetection.suricata.refreshWithinHours'],
  scope: 'estate',
  evaluate(estate) {
    return clinicalEnvironments(estate).flatMap((environment): EstateResult[] => {
      const jobs = ruleUpdateJobs(estate, environment);
      if (jobs.length === 0) {
        return [
          {
            resource: 'kubernetes_cron_job_v1.suricata-rules-update',
            environment,
            status: 'fail',
            message: `no CronJob runs suricata-update in ${environment}: the ET Open categories the plan names are never fetched or refreshed (plan: intrusionDetection.suricata.categories)`,
          },
        ];
      }
      const sensors = suricataSensors(estate, environment);
      const verdicts = jobs.map((job) => judgeJob(estate, job, sensors));
      const good = verdicts.find((verdict) => verdict.problems.length === 0);
      if (good) return [{ resource: good.job.address, environment, file: good.job.file, status: 'pass', message: good.summary }];
      const first = verdicts[0]!;
      return [{ resource: first.job.address, environment, file: first.job.file, status: 'fail', message: first.problems.join('; ') }];
    });
  },
};
