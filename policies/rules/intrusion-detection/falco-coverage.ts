import type { EstateRule } from '../../model';
import { at, CHART_TOLERATIONS, falcoReleases } from './falco';
import { excludes, valuesPlacement, zoneNodes } from './placement';
import { clinicalEnvironments, IDS_CONTROLS, type EstateResult } from './scope';

const flag = (value: unknown): boolean | undefined => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);

export const falcoCoverage: EstateRule = {
  id: 'intrusion-detection/falco-coverage',
  profile: 'platform',
  title: 'Falco watches the system calls of every node that runs a planned zone’s workloads, in every environment with clinical systems',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.2) has host intrusion detection wherever clinical systems run (MLPS 2.0 8.1.4.4: detect intrusions into important nodes). A Falco release ' +
    'that is deleted, runs without its kernel driver, as a Deployment on a few nodes, or without the tolerations of the medical nodes’ taint watches nothing there.',
  remediation:
    'Install the falco chart through helm_release in every environment with clinical systems: controller.kind daemonset, driver.enabled true, and nodeSelector/affinity ' +
    'and tolerations that admit the nodes of every zone (environments/<env>.yaml intrusionDetection.falco; constructs/intrusion-detection passes every node pool’s taint).',
  resourceTypes: ['helm_release'],
  controls: IDS_CONTROLS,
  planKeys: ['segments.namespaces'],
  scope: 'estate',
  evaluate(estate) {
    return clinicalEnvironments(estate).flatMap((environment): EstateResult[] => {
      const releases = falcoReleases(estate, environment);
      if (releases.length === 0)
        return [
          {
            resource: 'helm_release.falco',
            environment,
            status: 'fail',
            message: `no falco helm_release in ${environment}, which runs clinical systems: no node’s system calls are watched (plan: ops-8.2)`,
          },
        ];
      const nodes = zoneNodes(estate, environment);
      const verdicts = releases.map((release) => {
        const problems: string[] = [];
        const values = release.values;
        if (release.problem) problems.push(release.problem);
        if (flag(at(values, 'driver.enabled')) === false) problems.push('driver.enabled is false: Falco reads no system calls');
        const kind = at(values, 'controller.kind');
        if (kind !== undefined && String(kind).toLowerCase() !== 'daemonset')
          problems.push(`controller.kind is ${String(kind)}: Falco runs on some nodes, not on every node`);
        const placement = valuesPlacement({ ...values, tolerations: Array.isArray(values.tolerations) ? values.tolerations : CHART_TOLERATIONS });
        for (const [zone, profiles] of nodes) {
          for (const profile of profiles) {
            const reason = excludes(placement, profile);
            if (reason) problems.push(`the ${zone} nodes that ${profile.example} runs on get no Falco: ${reason}`);
          }
        }
        const rulesFiles = at(values, 'falco.rules_files');
        if (Array.isArray(rulesFiles) && rulesFiles.length === 0) problems.push('falco.rules_files is empty: Falco loads no rule');
        if (Array.isArray(at(values, 'extra.args')) && (at(values, 'extra.args') as unknown[]).map(String).join(' ').includes('--disable-source syscall'))
          problems.push('extra.args disable the syscall source');
        return { release, problems };
      });
      const good = verdicts.find((verdict) => verdict.problems.length === 0);
      const subject = (good ?? verdicts[0]!).release.resource;
      if (good)
        return [
          {
            resource: subject.address,
            environment,
            file: subject.file,
            status: 'pass',
            message: `Falco runs as a DaemonSet with its driver on the nodes of ${[...nodes.keys()].join(', ')}`,
          },
        ];
      return [{ resource: subject.address, environment, file: subject.file, status: 'fail', message: verdicts[0]!.problems.join('; ') }];
    });
  },
};
