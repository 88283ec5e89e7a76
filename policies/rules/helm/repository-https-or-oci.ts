import { isUnknown, type ResourceRule } from '../../model';
import { str } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { isLocalChart } from './chart-version-pinned';

const SECURE = /^(https|oci):\/\//i;

export const repositoryHttpsOrOci: ResourceRule = {
  id: 'helm/repository-https-or-oci',
  profile: 'generic',
  title: 'Helm charts come from an HTTPS or OCI repository',
  severity: 'high',
  rationale: 'A chart fetched over plain HTTP (or from an unnamed local repository alias) can be swapped in transit or on the machine running Terraform.',
  remediation: 'Set `repository` to an `https://` URL or an `oci://` registry (or vendor the chart into the repository and reference its path).',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.2.2', '8.1.4.6'], hipaa: ['164.312(e)(1)'], operationsPlan: 'ops-4.4' },
  scope: 'resource',
  evaluate(resource) {
    const { repository, chart } = resource.values;
    if (isUnknown(repository)) return { status: 'fail', message: `repository ${FAIL_CLOSED}` };
    const repo = str(repository);
    if (repo) {
      return SECURE.test(repo)
        ? { status: 'pass', message: `repository ${repo}` }
        : { status: 'fail', message: `repository "${repo}" is neither https:// nor oci://` };
    }
    if (isUnknown(chart)) return { status: 'fail', message: `chart ${FAIL_CLOSED}` };
    const chartText = str(chart) ?? '';
    if (SECURE.test(chartText)) return { status: 'pass', message: `chart URL ${chartText}` };
    if (isLocalChart(chartText)) return { status: 'pass', message: `local chart ${chartText} is vendored in the repository` };
    return { status: 'fail', message: `chart "${chartText}" has no repository (resolved from the local Helm repository configuration)` };
  },
};
