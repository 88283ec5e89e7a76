/**
 * The Falco rules that will load: `falco.rules_files` as the chart passes it to Falco (chart default:
 * the stock falco_rules.yaml, falco_rules.local.yaml and the rules.d directory the chart mounts
 * `customRules` into), falcoctl installing the stock `falco-rules` artifact, and the custom rules files
 * read as Falco reads them (lists and macros expanded into each rule's condition, later
 * `enabled: false` entries disabling a rule). The namespaces a rule watches are proved from its
 * expanded condition (`k8s.ns.name in (…)`, `not k8s.ns.name in (…)`), against the plan's segments.
 */
import { NAMESPACE_TYPES, namespaceOf, objectName, WORKLOAD_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { planOf, plannedStores } from '../../plan/facts';
import type { OperationsPlan } from '../../plan/schema';
import { parse as parseYaml } from 'yaml';
import { isObject } from '../../values';
import { AddressSet, CidrError } from '../../network';
import { at, falcoPriority, falcoReleases, passes } from './falco';
import { clinicalEnvironments, IDS_CONTROLS, type EstateResult } from './scope';

/** The chart's (falco 9.1.0) defaults: what Falco loads when the values say nothing. */
const CHART_RULES_FILES = ['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml', '/etc/falco/rules.d'];
const CHART_ARTIFACT_REFS = ['falco-rules:4'];
/** Where the chart mounts `customRules` (ConfigMap <release>-rules). */
const CUSTOM_RULES_DIR = '/etc/falco/rules.d';

/** Database command-line clients: a rule watching any of them watches hand-run queries. */
const DATABASE_CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'sqlplus', 'sqlcmd', 'mongosh', 'mongo', 'redis-cli', 'pg_dump', 'mysqldump', 'isql']);

interface FalcoRule {
  readonly name: string;
  readonly file: string;
  /** The condition with macros and lists expanded. */
  readonly condition: string;
  readonly priority: string;
}

/** Lists, macros and enabled rules of the custom rules files (in file order, as Falco loads them). */
function customRules(files: Readonly<Record<string, unknown>>): { rules: FalcoRule[]; problems: string[] } {
  const lists = new Map<string, string[]>();
  const macros = new Map<string, string>();
  const raw: { name: string; file: string; condition: string; priority: string; enabled: boolean }[] = [];
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    let items: unknown;
    try {
      items = parseYaml(String(text));
    } catch (error) {
      problems.push(`customRules.${file} is not YAML (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    for (const item of Array.isArray(items) ? items : []) {
      if (!isObject(item)) continue;
      const append = item.append === true || isObject(item.override);
      if (typeof item.list === 'string') {
        const entries = Array.isArray(item.items) ? item.items.map(String) : [];
        lists.set(item.list, append ? [...(lists.get(item.list) ?? []), ...entries] : entries);
      } else if (typeof item.macro === 'string' && typeof item.condition === 'string') {
        macros.set(item.macro, append && macros.has(item.macro) ? `${macros.get(item.macro)!} ${item.condition}` : item.condition);
      } else if (typeof item.rule === 'string') {
        const existing = raw.find((rule) => rule.name === item.rule);
        if (existing) {
          if (item.enabled === false || item.enabled === 'false') existing.enabled = false;
          if (item.enabled === true) existing.enabled = true;
          if (typeof item.condition === 'string') existing.condition = append ? `${existing.condition} ${item.condition}` : item.condition;
          continue;
        }
        raw.push({
          name: item.rule,
          file,
          condition: String(item.condition ?? ''),
          priority: String(item.priority ?? ''),
          enabled: !(item.enabled === false || item.enabled === 'false'),
        });
      }
    }
  }
  const expandList = (name: string, depth = 0): string[] =>
    depth > 10 ? [name] : (lists.get(name) ?? [name]).flatMap((entry) => (lists.has(entry) ? expandList(entry, depth + 1) : [entry]));
  const expand = (condition: string): string => {
    let text = condition;
    for (let depth = 0; depth < 10; depth++) {
      const next = text.replace(/[A-Za-z_][\w.]*/g, (word) => (macros.has(word) ? `(${macros.get(word)!})` : word));
      if (next === text) break;
      text = next;
    }
    // `in (list_name, other)` → the list's items.
    return text.replace(
      /\b(in|intersects|pmatch)\s*\(([^()]*)\)/g,
      (_all, op: string, body: string) =>
        `${op} (${body
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .flatMap((entry) => expandList(entry))
          .join(', ')})`,
    );
  };
  return {
    rules: raw.filter((rule) => rule.enabled).map((rule) => ({ name: rule.name, file: rule.file, condition: expand(rule.condition), priority: rule.priority })),
    problems,
  };
}

/** The namespaces a condition admits: only those listed (`in`), all but those excluded (`not … in`). */
function namespaceScope(condition: string): { only?: Set<string>; except: Set<string> } {
  const except = new Set<string>();
  let only: Set<string> | undefined;
  for (const match of condition.matchAll(/(not\s+)?\(?\s*k8s\.ns\.name\s*(in|=|!=)\s*(\(([^()]*)\)|"([^"]*)"|([\w.-]+))/g)) {
    const values = (match[4] !== undefined ? match[4].split(',') : [match[5] ?? match[6] ?? ''])
      .map((value) => value.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
    const negated = Boolean(match[1]) !== (match[2] === '!=');
    if (negated) values.forEach((value) => except.add(value));
    // Several positive lists are read as alternatives (their union): lenient where they are ANDed, never strict by mistake.
    else only = new Set([...(only ?? []), ...values]);
  }
  return { ...(only ? { only } : {}), except };
}

/** The planned namespaces a rule does not watch, with why. */
function uncovered(rule: FalcoRule, namespaces: readonly string[]): string[] {
  const scope = namespaceScope(rule.condition);
  return namespaces.flatMap((namespace) => {
    if (scope.except.has(namespace)) return [`${namespace} (excluded by not k8s.ns.name in …)`];
    if (scope.only && !scope.only.has(namespace)) return [`${namespace} (not in k8s.ns.name in (${[...scope.only].join(', ')}))`];
    return [];
  });
}

/**
 * Destinations an egress rule exempts (`fd.snet in ("…")`, `fd.net in …`, `fd.snet = …`) that lie outside
 * the plan's internal ranges: exempting `0.0.0.0/0` as a "declared flow" leaves the rule loaded and
 * never firing for the internet, which is what it exists to catch.
 */
function publicExemptions(rule: FalcoRule, plan: OperationsPlan): string[] {
  const internal = plan.segments.internalRanges.reduce((set, cidr) => set.union(AddressSet.ofCidr(cidr)), AddressSet.EMPTY);
  const exempted = [...rule.condition.matchAll(/fd\.s?net\s*(?:in\s*\(([^()]*)\)|=\s*("[^"]*"|[\d.:/a-fA-F]+))/g)].flatMap((match) =>
    (match[1] ?? match[2]!).split(',').map((entry) => entry.trim().replace(/^"|"$/g, '')),
  );
  return exempted.flatMap((cidr) => {
    try {
      return AddressSet.ofCidr(cidr).minus(internal).isEmpty()
        ? []
        : [`connections to ${cidr} (exempted as a declared flow, outside the plan's segments.internalRanges)`];
    } catch (error) {
      if (error instanceof CidrError) return [`connections to "${cidr}" (exempted, not an address range)`];
      throw error;
    }
  });
}

const medicalNamespaces = (plan: OperationsPlan): string[] =>
  Object.entries(plan.segments.namespaces)
    .filter(([, zone]) => zone === 'medical')
    .map(([namespace]) => namespace);

export const falcoRulesLoaded: EstateRule = {
  id: 'intrusion-detection/falco-rules-loaded',
  profile: 'platform',
  title: 'Falco loads the stock rules and the hospital’s rules for database clients and medical-segment egress, covering every medical namespace of the plan',
  severity: 'high',
  rationale:
    'Host intrusion detection (ops-8.2; MLPS 2.0 8.1.4.4) is only as good as the rules Falco loads. Dropping falco_rules.yaml from falco.rules_files, no longer installing ' +
    'the falco-rules artifact, unloading rules.d where the custom rules live, disabling the rule for database clients started in clinical pods or for undeclared egress ' +
    'from the medical segment, or a namespace list that no longer covers a medical namespace the plan names, all leave Falco running and watching nothing that matters.',
  remediation:
    'Keep falco.rules_files with /etc/falco/falco_rules.yaml and /etc/falco/rules.d (the chart default), falcoctl installing falco-rules, and customRules with an enabled rule ' +
    'on database clients (proc.name in a list of psql, mysql, sqlplus, …) that exempts only the data-store namespaces of the plan’s medicalRecordStores, and an enabled ' +
    'rule on outbound connections (evt.type = connect) from every namespace the plan puts in the medical zone, both at or above intrusionDetection.falco.pagingPriority ' +
    '(constructs/intrusion-detection falco-rules.ts, environments/<env>.yaml intrusionDetection.falco).',
  resourceTypes: ['helm_release'],
  controls: IDS_CONTROLS,
  planKeys: ['segments.namespaces', 'segments.internalRanges', 'medicalRecordStores', 'intrusionDetection.falco.pagingPriority'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const paging = plan.intrusionDetection.falco.pagingPriority;
    const storeNamespaces = new Set(plannedStores(plan).map((store) => store.workload.namespace));
    const planRef = `plan: ops-8.2, segments.namespaces medical = ${medicalNamespaces(plan).join(', ')}; data stores in ${[...storeNamespaces].join(', ')}; intrusionDetection.falco.pagingPriority ${paging}`;
    return clinicalEnvironments(estate).flatMap((environment): EstateResult[] => {
      // The plan's medical namespaces this environment has (as a Namespace or as the home of a workload): a rule need not watch one that does not exist here.
      const present = new Set(
        [
          ...NAMESPACE_TYPES.flatMap((type) => estate.byType(type, environment)).map((resource) => objectName(resource)),
          ...WORKLOAD_TYPES.flatMap((type) => estate.byType(type, environment)).map((resource) => namespaceOf(resource)),
        ].filter((name): name is string => typeof name === 'string'),
      );
      const medical = medicalNamespaces(plan).filter((namespace) => present.has(namespace));
      const clinical = medical.filter((namespace) => !storeNamespaces.has(namespace));
      const releases = falcoReleases(estate, environment);
      if (releases.length === 0)
        return [
          { resource: 'helm_release.falco', environment, status: 'fail', message: `no falco helm_release in ${environment}: no rule is loaded (${planRef})` },
        ];
      const verdicts = releases.map((release) => {
        const values = release.values;
        const problems: string[] = [];
        if (release.problem) problems.push(release.problem);
        const configured = at(values, 'falco.rules_files');
        const rulesFiles = Array.isArray(configured) ? configured.map(String) : CHART_RULES_FILES;
        const where = Array.isArray(configured) ? `falco.rules_files [${rulesFiles.join(', ')}]` : 'the chart’s falco.rules_files';
        if (!rulesFiles.some((file) => file.endsWith('/falco_rules.yaml') || file === 'falco_rules.yaml'))
          problems.push(`${where} does not load falco_rules.yaml: the stock rules (shells, sensitive files, privilege escalation) are off`);
        const installing = at(values, 'falcoctl.artifact.install.enabled');
        const refsValue = at(values, 'falcoctl.config.artifact.install.refs');
        const refs = Array.isArray(refsValue) ? refsValue.map(String) : CHART_ARTIFACT_REFS;
        if (installing !== false && installing !== 'false' && !refs.some((ref) => /(^|\/)falco-rules(:|$)/.test(ref)))
          problems.push(`falcoctl.config.artifact.install.refs [${refs.join(', ')}] does not install falco-rules: falco_rules.yaml stays empty`);
        const custom = at(values, 'customRules');
        const files = isObject(custom) ? custom : {};
        const unloaded = Object.keys(files).filter(
          (file) => !rulesFiles.some((entry) => entry.replace(/\/$/, '') === CUSTOM_RULES_DIR || entry === `${CUSTOM_RULES_DIR}/${file}`),
        );
        if (unloaded.length > 0) problems.push(`${where} does not load ${CUSTOM_RULES_DIR}, where the chart mounts customRules ${unloaded.join(', ')}`);
        const { rules, problems: unreadable } = customRules(Object.fromEntries(Object.entries(files).filter(([file]) => !unloaded.includes(file))));
        problems.push(...unreadable);
        const pagingProblem = (rule: FalcoRule): string | undefined => {
          const priority = falcoPriority(rule.priority);
          return priority && passes(priority, paging) ? undefined : `priority ${rule.priority || 'unset'} is below ${paging}`;
        };
        const requirements = [
          {
            what: 'database clients started in clinical pods',
            matches: (rule: FalcoRule) =>
              /spawned_process|evt\.type\s*(=|in)\s*\(?\s*execve/.test(rule.condition) &&
              [...rule.condition.matchAll(/proc\.name\s+in\s*\(([^()]*)\)/g)].some((match) =>
                match[1]!.split(',').some((entry) => DATABASE_CLIENTS.has(entry.trim())),
              ),
            namespaces: clinical,
            exemptions: (): string[] => [],
          },
          {
            what: 'outbound connections from the medical segment',
            matches: (rule: FalcoRule) => /evt\.type\s*(=\s*connect|in\s*\([^)]*\bconnect\b)/.test(rule.condition),
            namespaces: medical,
            exemptions: (rule: FalcoRule) => publicExemptions(rule, plan),
          },
        ];
        const found: string[] = [];
        for (const requirement of requirements) {
          const candidates = rules.filter(requirement.matches);
          const judged = candidates.map((rule) => ({
            rule,
            gaps: [...uncovered(rule, requirement.namespaces), ...requirement.exemptions(rule)],
            level: pagingProblem(rule),
          }));
          const good = judged.find((entry) => entry.gaps.length === 0 && !entry.level);
          if (good) {
            found.push(`"${good.rule.name}" (${requirement.what})`);
            continue;
          }
          const best = judged.find((entry) => entry.gaps.length === 0) ?? judged[0];
          if (!best) problems.push(`no enabled rule of customRules watches ${requirement.what}`);
          else if (best.gaps.length > 0)
            problems.push(`customRules.${best.rule.file} rule "${best.rule.name}" (${requirement.what}) does not watch ${best.gaps.join(', ')}`);
          else problems.push(`customRules.${best.rule.file} rule "${best.rule.name}" (${requirement.what}): ${best.level}, so it never pages`);
        }
        return { release, problems, found };
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
            message: `Falco loads falco_rules.yaml and ${good.found.join(', ')} over ${medical.join(', ')} (${planRef})`,
          },
        ];
      return [{ resource: subject.address, environment, file: subject.file, status: 'fail', message: `${verdicts[0]!.problems.join('; ')} (${planRef})` }];
    });
  },
};
