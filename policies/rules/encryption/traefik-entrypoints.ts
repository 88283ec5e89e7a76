/**
 * Traefik's entry points as a release of the Traefik chart (v37) starts them, and which of them serve
 * plain HTTP. The chart starts one entry point per `ports.<name>` (defaults: web :8000, websecure
 * :8443 with TLS, metrics :9100, traefik :8080); `additionalArguments` may add or change them. A router
 * without entry points of its own joins the default ones: those marked `asDefault`, or else every TCP
 * entry point but the internal `traefik` one (cmd/traefik getDefaultsEntrypoints). A router serves plain
 * HTTP on an entry point when neither the router nor the entry point has TLS and the entry point does
 * not redirect to HTTPS (`redirections.entryPoint`, whose catch-all router has priority MaxInt32 − 1).
 */
import { effectiveValues } from '../../helm-values/effective-values';
import { perEnvironment } from '../../estate';
import type { Estate, Resource } from '../../model';
import { get, isObject, str, strings, type Values } from '../../values';
import { isTraefikRelease } from './traefik-tls';

export interface EntryPoint {
  readonly name: string;
  readonly port: string;
  readonly tls: boolean;
  /** Where a redirect to HTTPS is configured, if it is. */
  readonly redirect?: { readonly to: string; readonly priority: number };
  readonly asDefault: boolean;
  readonly release: Resource;
}

export interface EntryPointModel {
  readonly entryPoints: readonly EntryPoint[];
  /** Traefik releases whose values are known only after apply (an entry point may hide there). */
  readonly unknown: readonly string[];
  readonly releases: readonly Resource[];
}

/** The internal entry point of the API and ping: never a default one. */
const INTERNAL = 'traefik';
const REDIRECT_PRIORITY = 2147483646;
const CHART_PORTS: Readonly<Record<string, Values>> = {
  traefik: { port: 8080 },
  web: { port: 8000 },
  websecure: { port: 8443, tls: { enabled: true } },
  metrics: { port: 9100 },
};

const truthy = (value: unknown): boolean => value === true || value === 'true';

/** `ports.<name>.redirections.entryPoint` (chart ≤ 38) or `ports.<name>.http.redirections.entryPoint` (chart 39). */
function portRedirect(port: Values): EntryPoint['redirect'] {
  const redirect = get(port, 'redirections.entryPoint') ?? get(port, 'http.redirections.entryPoint');
  if (!isObject(redirect) || str(redirect.to) === undefined) return undefined;
  const scheme = str(redirect.scheme) ?? 'https';
  if (scheme !== 'https') return undefined;
  const priority = Number(redirect.priority ?? REDIRECT_PRIORITY);
  return { to: String(redirect.to), priority: Number.isFinite(priority) ? priority : REDIRECT_PRIORITY };
}

interface Draft {
  port: string;
  tls: boolean;
  redirectTo?: string;
  redirectScheme?: string;
  redirectPriority?: number;
  asDefault: boolean;
}

export const entryPointModel = perEnvironment((estate: Estate, environment: string): EntryPointModel => {
  const releases = estate.byType('helm_release', environment).filter(isTraefikRelease);
  const entryPoints: EntryPoint[] = [];
  const unknown: string[] = [];
  for (const release of releases) {
    const values = effectiveValues(release);
    if (!values.known) {
      unknown.push(`${release.address} ${values.reason}`);
      continue;
    }
    const drafts = new Map<string, Draft>();
    const ports = get(values.values, 'ports');
    const names = new Set([...Object.keys(CHART_PORTS), ...(isObject(ports) ? Object.keys(ports) : [])]);
    for (const name of names) {
      const own = isObject(ports) ? ports[name] : undefined;
      // `ports.<name>: null` removes a chart port (Helm deletes null keys).
      if (isObject(ports) && Object.hasOwn(ports, name) && own === null) continue;
      const port = { ...(CHART_PORTS[name] ?? {}), ...(isObject(own) ? own : {}) };
      const tls = isObject(own) && isObject(own.tls) ? own.tls : (CHART_PORTS[name]?.tls as Values | undefined);
      const redirect = portRedirect(port);
      drafts.set(name, {
        port: String(port.port ?? '?'),
        tls: truthy(get(tls, 'enabled')) || truthy(get(port, 'http.tls.enabled')),
        ...(redirect ? { redirectTo: redirect.to, redirectPriority: redirect.priority, redirectScheme: 'https' } : {}),
        asDefault: truthy(port.asDefault),
      });
    }
    for (const argument of strings(get(values.values, 'additionalArguments'))) {
      const match = typeof argument === 'string' ? /^--entry[pP]oints\.([^.=]+)\.(.+?)=(.*)$/.exec(argument) : undefined;
      if (!match) continue;
      const [name, key, value] = [match[1]!, match[2]!, match[3]!];
      const draft = drafts.get(name) ?? { port: '?', tls: false, asDefault: false };
      drafts.set(name, draft);
      const lower = key.toLowerCase();
      if (lower === 'address') draft.port = value.replace(/^.*:/, '').replace(/\/.*$/, '');
      else if (lower === 'http.tls' || lower.startsWith('http.tls.')) draft.tls = lower === 'http.tls' ? truthy(value) : true;
      else if (lower === 'http.redirections.entrypoint.to') draft.redirectTo = value;
      else if (lower === 'http.redirections.entrypoint.scheme') draft.redirectScheme = value;
      else if (lower === 'http.redirections.entrypoint.priority') draft.redirectPriority = Number(value);
      else if (lower === 'asdefault') draft.asDefault = truthy(value);
    }
    for (const [name, draft] of drafts) {
      const redirect =
        draft.redirectTo !== undefined && (draft.redirectScheme ?? 'https') === 'https'
          ? { to: draft.redirectTo, priority: Number.isFinite(draft.redirectPriority) ? draft.redirectPriority! : REDIRECT_PRIORITY }
          : undefined;
      entryPoints.push({ name, port: draft.port, tls: draft.tls, ...(redirect ? { redirect } : {}), asDefault: draft.asDefault, release });
    }
  }
  return { entryPoints, unknown, releases };
});

/** The entry points a router without its own list joins. */
export function defaultEntryPoints(model: EntryPointModel): readonly EntryPoint[] {
  const marked = model.entryPoints.filter((entryPoint) => entryPoint.asDefault);
  return marked.length ? marked : model.entryPoints.filter((entryPoint) => entryPoint.name !== INTERNAL);
}

/** How a router without TLS fares on an entry point: served in plain HTTP, or why not. */
export function plainOn(entryPoint: EntryPoint, routerPriority: number | undefined): boolean {
  if (entryPoint.tls) return false;
  if (entryPoint.redirect && (routerPriority === undefined || routerPriority < entryPoint.redirect.priority)) return false;
  return true;
}

export const describeEntryPoint = (entryPoint: EntryPoint): string => `${entryPoint.name} (:${entryPoint.port})`;
