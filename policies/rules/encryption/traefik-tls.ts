/**
 * Traefik's TLS options as the synthesized configuration defines them, and which option each router of
 * a host selects. Options come from the chart's `tlsOptions.<name>` values (TLSOption objects in the
 * release namespace), TLSOption objects written as `kubernetes_manifest` or in the chart's
 * `extraObjects`, and the file provider's `tls.options` (values `providers.file.content`). A router
 * selects one by the Ingress annotation `traefik.ingress.kubernetes.io/router.tls.options`, the
 * IngressRoute's `spec.tls.options`, its entry point's `tls.options`, or else the option named `default`
 * (Traefik's built-in default, minimum TLS 1.2, when none is defined). A reference to an option nobody
 * defines does not raise the floor: Traefik logs "unknown TLS options" and serves the router with an
 * empty TLS configuration (Go's defaults) or not at all.
 */
import { parse as parseYaml } from 'yaml';
import { chartName } from '../../helm-values/keys';
import { effectiveValues } from '../../helm-values/effective-values';
import { perEnvironment } from '../../estate';
import { isUnknown, type Estate, type Resource } from '../../model';
import { blocks, get, isObject, str, strings, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

export const TLS_OPTIONS_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.options';
export const DEFAULT_OPTION = 'default';
const TLS_OPTION_KIND = 'TLSOption';
const TRAEFIK_API_GROUPS = ['traefik.io/', 'traefik.containo.us/'];
/** Traefik's built-in default options (pkg/tls: DefaultTLSOptions). */
export const BUILT_IN_DEFAULT_MIN = 'VersionTLS12';

export const TLS_VERSIONS = ['VersionTLS10', 'VersionTLS11', 'VersionTLS12', 'VersionTLS13'] as const;
/** `1.3` (policies/plan.yaml encryption.tlsMinVersion) → `VersionTLS13`. */
export const traefikVersion = (planVersion: string): string => `VersionTLS${planVersion.replace('.', '')}`;
/** `VersionTLS13` → `TLS 1.3`, for messages. */
export const tlsLabel = (version: string): string => version.replace(/^VersionTLS(\d)(\d)$/, 'TLS $1.$2');
export const isAtLeast = (version: unknown, minimum: string): boolean =>
  typeof version === 'string' &&
  TLS_VERSIONS.indexOf(version as (typeof TLS_VERSIONS)[number]) >= TLS_VERSIONS.indexOf(minimum as (typeof TLS_VERSIONS)[number]) &&
  TLS_VERSIONS.includes(version as (typeof TLS_VERSIONS)[number]);

export interface TlsOption {
  /** How routers refer to it: `default`, `<namespace>-<name>@kubernetescrd`, `<name>@file`. */
  readonly ref: string;
  readonly minVersion: unknown;
  /** The resource and field that define it, for messages. */
  readonly source: string;
  readonly resource: Resource;
}

export interface TlsModel {
  readonly options: ReadonlyMap<string, TlsOption[]>;
  /** Entry points' own `tls.options` (routers without one use it): reference and where it is set. */
  readonly entryPointOptions: readonly { readonly ref: string; readonly source: string }[];
  /** Parts of Traefik's configuration known only after apply (an option may hide there). */
  readonly unknown: readonly string[];
  /** Traefik releases of the environment. */
  readonly controllers: readonly Resource[];
}

const isTraefikManifest = (manifest: Values, kind: string): boolean =>
  manifest.kind === kind && typeof manifest.apiVersion === 'string' && TRAEFIK_API_GROUPS.some((group) => (manifest.apiVersion as string).startsWith(group));

const crdRef = (namespace: string, name: string): string => (name === DEFAULT_OPTION ? DEFAULT_OPTION : `${namespace}-${name}@kubernetescrd`);

function add(options: Map<string, TlsOption[]>, option: TlsOption): void {
  const list = options.get(option.ref);
  if (list) list.push(option);
  else options.set(option.ref, [option]);
}

export const isTraefikRelease = (release: Resource): boolean => {
  const chart = get(release.values, 'chart');
  return typeof chart === 'string' && chartName(chart) === 'traefik';
};

/** The TLS options and entry-point defaults of one environment, built once per estate. */
export const tlsModel = perEnvironment((estate: Estate, environment: string): TlsModel => {
  const options = new Map<string, TlsOption[]>();
  const entryPointOptions: { ref: string; source: string }[] = [];
  const unknown: string[] = [];
  const controllers = estate.byType('helm_release', environment).filter(isTraefikRelease);
  for (const release of controllers) {
    const values = effectiveValues(release);
    if (!values.known) {
      unknown.push(`${release.address} ${values.reason}`);
      continue;
    }
    const namespaceOverride = str(get(values.values, 'namespaceOverride'));
    const namespace = namespaceOverride || str(release.values.namespace) || 'default';
    const tlsOptions = get(values.values, 'tlsOptions');
    if (isObject(tlsOptions)) {
      for (const [name, option] of Object.entries(tlsOptions)) {
        add(options, {
          ref: crdRef(namespace, name),
          minVersion: get(option, 'minVersion'),
          source: `${release.address} values tlsOptions.${name}`,
          resource: release,
        });
      }
    }
    blocks(get(values.values, 'extraObjects')).forEach((object, index) => {
      if (!isTraefikManifest(object, TLS_OPTION_KIND)) return;
      const name = str(get(object, 'metadata.name')) ?? '';
      add(options, {
        ref: crdRef(str(get(object, 'metadata.namespace')) ?? namespace, name),
        minVersion: get(object, 'spec.minVersion'),
        source: `${release.address} values extraObjects[${index}] (TLSOption ${name})`,
        resource: release,
      });
    });
    const fileContent = get(values.values, 'providers.file.content');
    if (typeof fileContent === 'string' && fileContent.trim() !== '' && get(values.values, 'providers.file.enabled') === true) {
      let dynamic: unknown;
      try {
        dynamic = parseYaml(fileContent);
      } catch {
        unknown.push(`${release.address} values providers.file.content is not YAML`);
      }
      const fileOptions = get(dynamic, 'tls.options');
      if (isObject(fileOptions)) {
        for (const [name, option] of Object.entries(fileOptions)) {
          add(options, {
            ref: name === DEFAULT_OPTION ? DEFAULT_OPTION : `${name}@file`,
            minVersion: get(option, 'minVersion'),
            source: `${release.address} values providers.file.content tls.options.${name}`,
            resource: release,
          });
        }
      }
    }
    const ports = get(values.values, 'ports');
    if (isObject(ports)) {
      for (const [entryPoint, port] of Object.entries(ports)) {
        const ref = get(port, 'tls.options');
        if (typeof ref === 'string' && ref !== '') entryPointOptions.push({ ref, source: `${release.address} values ports.${entryPoint}.tls.options` });
      }
    }
    for (const argument of strings(get(values.values, 'additionalArguments'))) {
      const match = typeof argument === 'string' ? /^--entry[pP]oints\.([^.]+)\.http\.tls\.options=(.+)$/.exec(argument) : undefined;
      if (match) entryPointOptions.push({ ref: match[2]!, source: `${release.address} values additionalArguments "${argument as string}"` });
    }
  }
  for (const manifest of estate.byType('kubernetes_manifest', environment)) {
    const object = get(manifest.values, 'manifest');
    if (isUnknown(object)) {
      unknown.push(`${manifest.address} manifest ${FAIL_CLOSED}`);
      continue;
    }
    if (!isObject(object) || !isTraefikManifest(object, TLS_OPTION_KIND)) continue;
    const name = get(object, 'metadata.name');
    const namespace = get(object, 'metadata.namespace') ?? 'default';
    if (isUnknown(name) || isUnknown(namespace)) {
      unknown.push(`${manifest.address} manifest.metadata ${FAIL_CLOSED}`);
      continue;
    }
    add(options, {
      ref: crdRef(String(namespace), String(name)),
      minVersion: get(object, 'spec.minVersion'),
      source: `${manifest.address} (TLSOption ${String(namespace)}/${String(name)})`,
      resource: manifest,
    });
  }
  return { options, entryPointOptions, unknown, controllers };
});

/**
 * A router's TLS option reference as Traefik qualifies it: a name without `@provider` belongs to the
 * router's own provider (`kubernetes` for Ingresses, which define no options), `default` is the default.
 */
export function qualify(reference: string, provider: 'kubernetes' | 'kubernetescrd'): string {
  if (reference === DEFAULT_OPTION || reference.includes('@')) return reference;
  return `${reference}@${provider}`;
}

export interface OptionVerdict {
  readonly ok: boolean;
  readonly text: string;
}

/**
 * Whether the option a router selects (undefined: none of its own) has at least `minimum`. Without an
 * option of its own the router gets its entry point's, else the default.
 */
export function judgeSelection(model: TlsModel, reference: string | undefined, minimum: string, planNote: string): OptionVerdict[] {
  const references = reference !== undefined ? [reference] : [...model.entryPointOptions.map((entry) => entry.ref), DEFAULT_OPTION];
  return references.map((ref) => judgeOption(model, ref, minimum, planNote, reference === undefined));
}

function judgeOption(model: TlsModel, ref: string, minimum: string, planNote: string, inherited: boolean): OptionVerdict {
  const defined = model.options.get(ref);
  const how = inherited ? (ref === DEFAULT_OPTION ? 'the default TLS option' : `entry point TLS option ${ref}`) : `TLS option ${ref}`;
  if (!defined || defined.length === 0) {
    if (ref === DEFAULT_OPTION) {
      return isAtLeast(BUILT_IN_DEFAULT_MIN, minimum)
        ? { ok: true, text: `Traefik's built-in default options (${BUILT_IN_DEFAULT_MIN})` }
        : {
            ok: false,
            text: `no TLS option named "default" is defined, so Traefik's built-in default (minVersion ${BUILT_IN_DEFAULT_MIN}) applies, below ${minimum} ${planNote}`,
          };
    }
    return {
      ok: false,
      text: `${how} is defined nowhere in this configuration: Traefik reports "unknown TLS options" and serves the router with an empty TLS configuration (TLS 1.2 accepted) or not at all ${planNote}`,
    };
  }
  if (defined.length > 1 && ref === DEFAULT_OPTION) {
    return {
      ok: false,
      text: `the default TLS option is defined ${defined.length} times (${defined.map((option) => option.source).join(', ')}): Traefik rejects the conflict and falls back to its built-in default (${BUILT_IN_DEFAULT_MIN})`,
    };
  }
  const weak = defined.filter((option) => !isAtLeast(option.minVersion ?? BUILT_IN_DEFAULT_MIN, minimum));
  if (weak.length) {
    return {
      ok: false,
      text: weak
        .map(
          (option) =>
            `${how} (${option.source}) has minVersion ${option.minVersion === undefined ? `unset (${BUILT_IN_DEFAULT_MIN})` : isUnknown(option.minVersion) ? 'known only after apply; failing closed' : JSON.stringify(option.minVersion)}, below ${minimum} ${planNote}`,
        )
        .join('; '),
    };
  }
  return { ok: true, text: `${how} (${defined.map((option) => option.source).join(', ')}: ${String(defined[0]!.minVersion)})` };
}
