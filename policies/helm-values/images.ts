/**
 * Container images in Helm values, in the shapes the pinned charts use: a map under an `image`-like key
 * with `registry`/`repository`/`tag` and a digest field (`digest` in Loki, `sha` in kube-prometheus-stack
 * and Grafana), maps of several images (`crds.upgradeJob.image.kubectl`), and plain `image: repo:tag`
 * strings (extra containers). The same finder derives each chart's default images (committed beside
 * its key set) and reads a release's values.
 */
import { isObject, type Values } from '../values';

/** One image spec: the fields that name the image (strings as written; null when the chart leaves them empty). */
export interface ImageSpec {
  readonly registry?: string | null;
  readonly repository?: string | null;
  readonly tag?: string | null;
  /** `sha256:<hex>` (Loki's `digest`) or `<hex>` (kube-prometheus-stack's and Grafana's `sha`). */
  readonly digest?: string | null;
  readonly sha?: string | null;
}

/** Keys that say which image runs (not how it is pulled). */
export const IDENTITY_KEYS = ['registry', 'repository', 'name', 'image', 'tag', 'digest', 'sha'] as const;
const SPEC_KEYS = new Set<string>(IDENTITY_KEYS);
const IMAGE_KEY = /^(image|.*Image)$/;

const field = (value: unknown): string | null | undefined =>
  typeof value === 'string' ? value : value === null ? null : typeof value === 'number' ? String(value) : undefined;

/** Whether a map is an image spec: under an image-like key with image fields, or a repository with a tag/registry/digest. */
export function isImageSpec(key: string, value: Values, parentIsImage: boolean): boolean {
  const keys = Object.keys(value);
  const hasRepository = keys.includes('repository') || (keys.includes('image') && typeof value.image === 'string' && !IMAGE_KEY.test(key) && parentIsImage);
  const named = IMAGE_KEY.test(key) || parentIsImage;
  if (
    named &&
    keys.some((entry) => SPEC_KEYS.has(entry) && entry !== 'image' && entry !== 'name') &&
    keys.every((entry) => typeof value[entry] !== 'object' || value[entry] === null)
  )
    return true;
  return hasRepository && keys.some((entry) => entry === 'tag' || entry === 'registry' || entry === 'digest' || entry === 'sha');
}

export interface FoundImage {
  /** Dotted path of the spec (`prometheusOperator.image`, `extraContainers[0].image`). */
  readonly path: string;
  /** The map of an image spec, or the string of an `image: repo:tag` value. */
  readonly value: Values | string;
}

/** Every image spec in a values tree. */
export function findImages(values: unknown, path = '', parentIsImage = false, out: FoundImage[] = []): FoundImage[] {
  if (Array.isArray(values)) {
    values.forEach((item, index) => findImages(item, `${path}[${index}]`, false, out));
  } else if (isObject(values)) {
    for (const [key, value] of Object.entries(values)) {
      const inner = path ? `${path}.${key}` : key;
      if (isObject(value) && isImageSpec(key, value, parentIsImage)) out.push({ path: inner, value });
      else if (typeof value === 'string' && IMAGE_KEY.test(key) && !parentIsImage && /[/:]/.test(value)) out.push({ path: inner, value });
      else findImages(value, inner, IMAGE_KEY.test(key) && isObject(value), out);
    }
  }
  return out;
}

/** The default image specs of a chart's values, by path (committed with the chart's key set). */
export function imageDefaults(values: unknown): Record<string, ImageSpec> {
  const defaults: Record<string, ImageSpec> = {};
  for (const image of findImages(values)) {
    if (typeof image.value === 'string') continue;
    const spec: Record<string, string | null> = {};
    for (const key of ['registry', 'repository', 'tag', 'digest', 'sha'] as const) {
      const value = field(image.value[key]);
      if (value !== undefined || Object.hasOwn(image.value, key)) spec[key] = value ?? null;
    }
    defaults[image.path] = spec;
  }
  return defaults;
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;
const HEX = /^[0-9a-f]{64}$/;

export type ImageVerdict = { readonly pinned: true; readonly reference: string } | { readonly pinned: false; readonly reference: string; readonly why: string };

/**
 * The reference a spec renders to (registry/repository:tag@digest, as the charts' image helpers build
 * it) and whether it is pinned by digest. `defaults` is the chart's spec at the same path, under the values.
 */
export function judgeImage(value: Values | string, defaults: ImageSpec | undefined, appVersion = '<chart appVersion>'): ImageVerdict {
  if (typeof value === 'string') {
    if (DIGEST.test(value)) return { pinned: true, reference: value };
    return {
      pinned: false,
      reference: value,
      why: value.includes('@') ? 'has a malformed digest' : /:[^/]+$/.test(value) ? 'is pinned by a tag only' : 'has no tag and no digest (pulls latest)',
    };
  }
  const merged: Record<string, unknown> = { ...(defaults ?? {}), ...value };
  const registry = field(merged.registry);
  const repository = field(merged.repository) ?? field(merged.image) ?? field(merged.name) ?? '<chart default repository>';
  const tag = field(merged.tag);
  const digest = field(merged.digest);
  const sha = field(merged.sha);
  const suffix = digest ? `@${digest}` : sha ? `@sha256:${sha}` : '';
  const reference = `${registry ? `${registry}/` : ''}${repository}${tag ? `:${tag}` : `:${appVersion}`}${suffix}`;
  if (digest && /^sha256:[0-9a-f]{64}$/.test(digest)) return { pinned: true, reference };
  if (sha && HEX.test(sha)) return { pinned: true, reference };
  if (tag && DIGEST.test(tag)) return { pinned: true, reference };
  if (digest || sha) return { pinned: false, reference, why: `has a malformed digest (${digest ? 'digest' : 'sha'} "${digest ?? sha}")` };
  if (tag === 'latest') return { pinned: false, reference, why: 'uses the mutable tag "latest"' };
  if (!tag) return { pinned: false, reference, why: "uses the chart's appVersion as a tag, without a digest" };
  return { pinned: false, reference, why: `uses the tag "${tag}" without a digest (tags can be moved)` };
}
