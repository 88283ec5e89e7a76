/**
 * Alertmanager's routing, evaluated the way Alertmanager evaluates it (dispatch/route.go): an alert
 * enters at the root, descends into the first child whose matchers all match (and into later siblings
 * too while the matching child says `continue: true`), and stops at the deepest matching routes; a node
 * no child matches handles the alert itself. `group_wait`, `group_interval` and `repeat_interval` are
 * inherited from the parent unless a route sets them (root defaults 30s, 5m, 4h). Matchers come from
 * `matchers` (`name="value"`, `=~`, `!=`, `!~`, several per string) and the deprecated `match` /
 * `match_re` maps. Written by hand: there is no JavaScript port of Alertmanager's router (amtool's
 * `config routes test` is the reference; test/constructs/monitoring cross-checks with it).
 */
import { isObject } from '../../values';
import { valueAt } from './helm-facts';
import { promDurationSeconds } from './promql-model';

export interface AlertMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export interface RouteNode {
  /** Where the route sits in the config, for messages: `route.routes[1]`. */
  readonly path: string;
  readonly receiver: string;
  readonly matchers: readonly AlertMatcher[];
  readonly continue: boolean;
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  /** The route's own timing settings as written (for messages), or where they were inherited from. */
  readonly timingSource: { readonly groupWait: string; readonly groupInterval: string; readonly repeatInterval: string };
  readonly timeIntervals: readonly string[];
  readonly routes: readonly RouteNode[];
}

export class ConfigProblem extends Error {}

const ROOT_DEFAULTS = { groupWait: 30, groupInterval: 300, repeatInterval: 4 * 3600 };

/** Parses `name="value"` / `name=~"re"` / `{a="b", c!="d"}` (Alertmanager's `matchers` strings). */
export function parseMatchers(text: string, where: string): AlertMatcher[] {
  let body = text.trim();
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  const matchers: AlertMatcher[] = [];
  const pattern = /\s*("(?:[^"\\]|\\.)+"|[^\s=!~,"]+)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^,"=~!\s][^,"]*?|)\s*(?:,|$)/gy;
  let consumed = 0;
  for (const match of body.matchAll(pattern)) {
    const [whole, name, op, raw] = match;
    consumed += whole!.length;
    const unquote = (value: string) => (value.startsWith('"') ? (JSON.parse(value) as string) : value.trim());
    matchers.push({ label: unquote(name!), op: op as AlertMatcher['op'], value: unquote(raw!) });
    if (consumed >= body.length) break;
  }
  if (body.trim() !== '' && (matchers.length === 0 || consumed < body.trim().length)) throw new ConfigProblem(`${where}: cannot read the matcher "${text}"`);
  return matchers;
}

function matchersOf(route: Record<string, unknown>, path: string): AlertMatcher[] {
  const matchers: AlertMatcher[] = [];
  if (Array.isArray(route.matchers)) route.matchers.forEach((entry, index) => matchers.push(...parseMatchers(String(entry), `${path}.matchers[${index}]`)));
  else if (typeof route.matchers === 'string') matchers.push(...parseMatchers(route.matchers, `${path}.matchers`));
  if (isObject(route.match)) for (const [label, value] of Object.entries(route.match)) matchers.push({ label, op: '=', value: String(value) });
  if (isObject(route.match_re)) for (const [label, value] of Object.entries(route.match_re)) matchers.push({ label, op: '=~', value: String(value) });
  return matchers;
}

function duration(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = promDurationSeconds(String(value));
  if (seconds === undefined) throw new ConfigProblem(`${where}: "${String(value)}" is not a duration`);
  return seconds;
}

/** The route tree of an Alertmanager config (`config.route`). */
export function routeTree(config: Record<string, unknown>): RouteNode {
  if (!isObject(config.route)) throw new ConfigProblem('alertmanager.config.route is missing');
  const build = (route: Record<string, unknown>, path: string, parent?: RouteNode): RouteNode => {
    const own = {
      groupWait: duration(route.group_wait, `${path}.group_wait`),
      groupInterval: duration(route.group_interval, `${path}.group_interval`),
      repeatInterval: duration(route.repeat_interval, `${path}.repeat_interval`),
    };
    const inherited = parent ?? {
      ...ROOT_DEFAULTS,
      timingSource: { groupWait: 'the default 30s', groupInterval: 'the default 5m', repeatInterval: 'the default 4h' },
      receiver: '',
    };
    const receiver = typeof route.receiver === 'string' ? route.receiver : inherited.receiver;
    if (!receiver) throw new ConfigProblem(`${path}.receiver is missing`);
    const source = (key: keyof typeof own, name: string) => (own[key] !== undefined ? `${path}.${name} ${String(route[name])}` : inherited.timingSource[key]);
    const routes: RouteNode[] = [];
    const node: RouteNode = {
      path,
      receiver,
      matchers: parent ? matchersOf(route, path) : [],
      continue: route.continue === true || route.continue === 'true',
      groupWait: own.groupWait ?? inherited.groupWait,
      groupInterval: own.groupInterval ?? inherited.groupInterval,
      repeatInterval: own.repeatInterval ?? inherited.repeatInterval,
      timingSource: {
        groupWait: source('groupWait', 'group_wait'),
        groupInterval: source('groupInterval', 'group_interval'),
        repeatInterval: source('repeatInterval', 'repeat_interval'),
      },
      timeIntervals: [
        ...(Array.isArray(route.mute_time_intervals) ? route.mute_time_intervals.map((name) => `mute_time_intervals ${String(name)}`) : []),
        ...(Array.isArray(route.active_time_intervals) ? route.active_time_intervals.map((name) => `active_time_intervals ${String(name)}`) : []),
      ],
      routes,
    };
    const children = Array.isArray(route.routes) ? route.routes : [];
    children.forEach((child, index) => {
      if (!isObject(child)) throw new ConfigProblem(`${path}.routes[${index}] is not a route`);
      routes.push(build(child, `${path}.routes[${index}]`, node));
    });
    return node;
  };
  return build(config.route, 'route');
}

/** A label value that is known (`P1`) or not known before the alert fires (templated, or from the series). */
export type AlertLabels = Readonly<Record<string, string | undefined>>;

function matcherMatches(matcher: AlertMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${matcher.value})$`).test(value);
  }
}

/** Whether every matcher matches the labels (a missing label is the empty string, as in Alertmanager). */
export function matchesLabels(matchers: readonly AlertMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((matcher) => matcherMatches(matcher, labels[matcher.label] ?? ''));
}

/** The routes an alert with these labels ends at (usually one; more where a matching route continues). */
export function routesFor(root: RouteNode, labels: Readonly<Record<string, string>>): RouteNode[] {
  const match = (node: RouteNode): RouteNode[] | undefined => {
    if (!matchesLabels(node.matchers, labels)) return undefined;
    const all: RouteNode[] = [];
    for (const child of node.routes) {
      const found = match(child);
      if (found) all.push(...found);
      if (found && !child.continue) break;
    }
    return all.length > 0 ? all : [node];
  };
  return match(root) ?? [root];
}

/**
 * Whether matchers could match an alert of which some labels are known: a label the alert takes from
 * its series or from a template (value `undefined`) could hold anything, so it is assumed to match.
 */
export function couldMatch(matchers: readonly AlertMatcher[], labels: AlertLabels): boolean {
  return matchers.every((matcher) => {
    if (!Object.hasOwn(labels, matcher.label)) return matcherMatches(matcher, '') || !KNOWN_COMPLETE.has(matcher.label);
    const value = labels[matcher.label];
    return value === undefined || matcherMatches(matcher, value);
  });
}
/** Labels whose absence is certain when an alert rule does not set them (they never come from a series). */
const KNOWN_COMPLETE = new Set(['alertname', 'severity']);

export interface InhibitRule {
  readonly path: string;
  readonly source: readonly AlertMatcher[];
  readonly target: readonly AlertMatcher[];
  readonly equal: readonly string[];
}

export function inhibitRules(config: Record<string, unknown>): InhibitRule[] {
  const list = Array.isArray(config.inhibit_rules) ? config.inhibit_rules : [];
  return list.flatMap((entry, index): InhibitRule[] => {
    if (!isObject(entry)) return [];
    const path = `inhibit_rules[${index}]`;
    const side = (matchersKey: string, matchKey: string, matchReKey: string): AlertMatcher[] =>
      matchersOf({ matchers: entry[matchersKey], match: entry[matchKey], match_re: entry[matchReKey] }, `${path}.${matchersKey}`);
    return [
      {
        path,
        source: side('source_matchers', 'source_match', 'source_match_re'),
        target: side('target_matchers', 'target_match', 'target_match_re'),
        equal: Array.isArray(entry.equal) ? entry.equal.map(String) : [],
      },
    ];
  });
}

/** Whether `source` could inhibit `target` under the rule (equal labels that are both known must agree). */
export function couldInhibit(rule: InhibitRule, source: AlertLabels, target: AlertLabels): boolean {
  if (!couldMatch(rule.target, target) || !couldMatch(rule.source, source)) return false;
  return rule.equal.every((label) => {
    const a = source[label];
    const b = target[label];
    return a === undefined || b === undefined || a === b;
  });
}

export interface Endpoint {
  readonly kind: string;
  /** Where it sits in the config, for messages: `receivers[0].webhook_configs[1]`. */
  readonly path: string;
  /** The URL posted to, or undefined when it is read from a file (`url_file`) or not set. */
  readonly url?: string;
  /** Credentials read from files (`http_config.authorization.credentials_file`, `routing_key_file`…): key → path. */
  readonly credentialFiles: Readonly<Record<string, string>>;
  /** Credentials written into the config itself (`http_config.authorization.credentials`, `routing_key`…). */
  readonly credentialLiterals: readonly string[];
}

const URL_KEYS = ['url', 'api_url', 'webhook_url', 'bot_token_url', 'smarthost'] as const;
/** Credential settings of Alertmanager's notifiers and http_config, as files and as literals. */
const CREDENTIAL_FILES = [
  'http_config.authorization.credentials_file',
  'http_config.basic_auth.password_file',
  'http_config.bearer_token_file',
  'http_config.oauth2.client_secret_file',
  'routing_key_file',
  'service_key_file',
  'api_key_file',
  'token_file',
  'bot_token_file',
  'user_key_file',
  'auth_password_file',
] as const;
const CREDENTIAL_LITERALS = [
  'http_config.authorization.credentials',
  'http_config.basic_auth.password',
  'http_config.bearer_token',
  'http_config.oauth2.client_secret',
  'routing_key',
  'service_key',
  'api_key',
  'token',
  'bot_token',
  'user_key',
  'auth_password',
] as const;
/** A URL with user:password, or a token as a query parameter, carries a literal credential too. */
const urlCredential = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    if (parsed.password) return 'url (user:password@)';
    const key = [...parsed.searchParams.keys()].find((name) => /token|key|secret|password|auth/i.test(name));
    return key ? `url (?${key}=)` : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Every notification endpoint of a receiver (`webhook_configs`, `pagerduty_configs`, …). A webhook
 * entry with neither `url` nor `url_file` (only `send_resolved`, say) posts nowhere and is left out.
 */
export function endpointsOf(config: Record<string, unknown>, receiver: string): Endpoint[] | undefined {
  const receivers = Array.isArray(config.receivers) ? config.receivers : [];
  const index = receivers.findIndex((entry) => isObject(entry) && entry.name === receiver);
  const found = receivers[index];
  if (!isObject(found)) return undefined;
  return Object.entries(found).flatMap(([key, value]) => {
    if (!key.endsWith('_configs') || !Array.isArray(value)) return [];
    return value.flatMap((entry, position): Endpoint[] => {
      if (!isObject(entry)) return [];
      const kind = key.replace(/_configs$/, '');
      const url = URL_KEYS.map((name) => entry[name]).find((candidate) => typeof candidate === 'string' && candidate.trim() !== '') as string | undefined;
      if (kind === 'webhook' && url === undefined && !(typeof entry.url_file === 'string' && entry.url_file !== '')) return [];
      const credentialFiles: Record<string, string> = {};
      for (const name of CREDENTIAL_FILES) {
        const file = valueAt(entry, name);
        if (typeof file === 'string' && file.trim() !== '') credentialFiles[name] = file;
      }
      const credentialLiterals: string[] = CREDENTIAL_LITERALS.filter((name) => {
        const literal = valueAt(entry, name);
        return literal !== undefined && literal !== null && String(literal) !== '';
      });
      const fromUrl = url ? urlCredential(url) : undefined;
      if (fromUrl) credentialLiterals.push(fromUrl);
      return [{ kind, path: `receivers[${index}].${key}[${position}]`, ...(url !== undefined ? { url } : {}), credentialFiles, credentialLiterals }];
    });
  });
}

/** Endpoints of receivers that routes matching only the always-firing `Watchdog` send to: heartbeats, not pagers. */
export function heartbeatUrls(config: Record<string, unknown>, root: RouteNode): ReadonlyMap<string, string> {
  const urls = new Map<string, string>();
  const visit = (node: RouteNode): void => {
    const watchdog = node.matchers.some(
      (matcher) => matcher.label === 'alertname' && matcherMatches(matcher, 'Watchdog') && !matcherMatches(matcher, 'CoreSystemDown'),
    );
    if (watchdog)
      for (const endpoint of endpointsOf(config, node.receiver) ?? [])
        if (endpoint.url) urls.set(endpoint.url, `${node.path} (alertname Watchdog) → receiver ${node.receiver}`);
    node.routes.forEach(visit);
  };
  visit(root);
  return urls;
}

/** Human-readable seconds: 90 → "1m30s", 900 → "15m". */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * size;
  }
  return parts.join('') || `${seconds}s`;
}
