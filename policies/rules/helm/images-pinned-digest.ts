import { effectiveValues } from '../../helm-values/effective-values';
import { findImages, IDENTITY_KEYS, judgeImage, type ImageSpec } from '../../helm-values/images';
import { chartKeys, chartName } from '../../helm-values/keys';
import { isUnknown, type ResourceRule } from '../../model';
import { get, str, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { HELM_SUPPLY_CHAIN_CONTROLS } from './chart-version-pinned';

/** The spec's path among the chart's defaults: a sub-chart image is found under its alias as written. */
const defaultsAt = (images: Readonly<Record<string, ImageSpec>> | undefined, path: string): ImageSpec | undefined => images?.[path];

export const imagesPinnedDigest: ResourceRule = {
  id: 'helm/images-pinned-digest',
  profile: 'generic',
  title: 'Images a Helm release’s values choose are pinned by digest',
  severity: 'high',
  rationale:
    'A chart pinned to an exact version still runs whatever image its values name: `image.tag: latest` (or any tag, or another registry) lets the registry decide what runs next to patient data. Only a digest guarantees that the reviewed and scanned image is the one that runs, as workload/image-pinned-digest requires of the platform’s own containers.',
  remediation:
    'Wherever the values set an image (repository, registry, tag, or a global image registry), pin it by digest in the chart’s own field (`digest: sha256:…` in Loki, `sha: <hex>` in kube-prometheus-stack/Grafana) or as `tag: <version>@sha256:<digest>`; or leave the chart’s default image, which the pinned chart version fixes.',
  resourceTypes: ['helm_release'],
  controls: HELM_SUPPLY_CHAIN_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const chart = get(resource.values, 'chart');
    const version = get(resource.values, 'version');
    if (isUnknown(chart) || isUnknown(version)) return { status: 'fail', message: `chart/version ${FAIL_CLOSED}` };
    const values = effectiveValues(resource);
    if (!values.known) return { status: 'fail', message: `${values.reason}; failing closed` };
    const name = chartName(str(chart) ?? '');
    const keys = chartKeys(name, str(version) ?? '');
    const failures: string[] = [];
    const pinned: string[] = [];
    const judge = (path: string, value: Values | string, why: string) => {
      const verdict = judgeImage(value, typeof value === 'string' ? undefined : defaultsAt(keys?.images, path));
      if (verdict.pinned) pinned.push(path);
      else failures.push(`values ${path}${why} renders ${verdict.reference}, which ${verdict.why}`);
    };
    for (const image of findImages(values.values)) {
      if (typeof image.value === 'string') {
        judge(image.path, image.value, '');
        continue;
      }
      const set = IDENTITY_KEYS.filter((key) => Object.hasOwn(image.value as Values, key));
      if (set.length === 0) continue; // only pull settings changed: the chart's default image runs
      judge(image.path, image.value, ` (sets ${set.join(', ')})`);
    }
    // A global registry moves every default image of the chart to another registry, by its tag.
    const globalRegistry = get(values.values, 'global.imageRegistry');
    if (typeof globalRegistry === 'string' && globalRegistry !== '') {
      const defaults = Object.entries(keys?.images ?? {});
      if (defaults.length === 0)
        failures.push(
          `values global.imageRegistry "${globalRegistry}" moves every image of ${name} to another registry, and no default image list is committed for ${name} ${String(version)} to prove them pinned`,
        );
      for (const [path, spec] of defaults) {
        if (pinned.includes(path) || failures.some((failure) => failure.startsWith(`values ${path} `))) continue;
        judge(path, { ...spec, registry: globalRegistry } as Values, ` (global.imageRegistry "${globalRegistry}")`);
      }
    }
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    if (pinned.length) return { status: 'pass', message: `every image the values set is pinned by digest (${pinned.join(', ')})` };
    return { status: 'pass', message: `the values set no image: ${name} runs the default images of chart version ${String(version)}` };
  },
};
