import { isUnknown, type ResourceRule } from '../../model';
import { str } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart given as a local path is vendored in the repository: its version is whatever is committed. */
export const isLocalChart = (chart: unknown): boolean => /^(\.{1,2}\/|\/)/.test(str(chart) ?? '');

export const HELM_SUPPLY_CHAIN_CONTROLS = { mlps: ['8.1.10.8', '8.1.9.3'], hipaa: ['164.312(c)(1)'], operationsPlan: 'ops-4.4' };

export const chartVersionPinned: ResourceRule = {
  id: 'helm/chart-version-pinned',
  profile: 'generic',
  title: 'Helm chart versions are pinned exactly',
  severity: 'high',
  rationale: 'An unpinned or ranged chart version installs whatever the repository serves at apply time: unreviewed changes reach production clinical systems.',
  remediation: 'Set `version` to an exact chart version such as `"58.2.1"` (no ranges, no `latest`), and upgrade it deliberately.',
  resourceTypes: ['helm_release'],
  controls: HELM_SUPPLY_CHAIN_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const { chart, version } = resource.values;
    if (isLocalChart(chart) && version === undefined) return { status: 'pass', message: `local chart ${String(chart)} is vendored in the repository` };
    if (isUnknown(version)) return { status: 'fail', message: `version ${FAIL_CLOSED}` };
    const text = str(version);
    if (!text) return { status: 'fail', message: `version is unset (installs the latest chart of ${String(str(chart) ?? 'the repository')})` };
    if (!EXACT_SEMVER.test(text)) return { status: 'fail', message: `version "${text}" is not an exact version` };
    return { status: 'pass', message: `chart ${String(str(chart))} pinned to ${text}` };
  },
};
