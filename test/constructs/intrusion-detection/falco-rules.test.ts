import { parse } from 'yaml';
import { FALCO_STOCK_LISTS, FALCO_STOCK_MACROS, hospitalFalcoRulesYaml } from '../../../constructs/intrusion-detection';
import { shippedEnvironment } from '../../support/environments';

/** Falco condition keywords and operators: never macro names. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'intersects',
  'pmatch',
  'exists',
  'startswith',
  'endswith',
  'contains',
  'icontains',
  'bcontains',
  'bstartswith',
  'glob',
  'iglob',
  'regex',
]);
const VALUE_LIST_OPERATORS = new Set(['in', 'intersects', 'pmatch']);

/**
 * The macro names a condition uses (bare identifiers where an expression is expected) and the list
 * names it might use (bare identifiers inside `in (…)`). Hand-written because no JavaScript parser of
 * Falco's filter language exists; it covers the grammar the hospital rules use.
 */
function references(condition: string): { macros: string[]; listItems: string[] } {
  const tokens = condition.match(/"[^"]*"|'[^']*'|\(|\)|,|!=|<=|>=|=|<|>|[^\s(),=<>!]+/g) ?? [];
  const macros: string[] = [];
  const listItems: string[] = [];
  let depthInList = 0;
  let previous: string | undefined;
  for (const token of tokens) {
    if (depthInList > 0) {
      if (token === '(') depthInList++;
      else if (token === ')') depthInList--;
      else if (/^[A-Za-z_][\w-]*$/.test(token)) listItems.push(token);
    } else if (token === '(' && previous !== undefined && VALUE_LIST_OPERATORS.has(previous)) {
      depthInList = 1;
    } else if (/^[A-Za-z_]\w*$/.test(token) && !KEYWORDS.has(token) && (previous === undefined || ['and', 'or', 'not', '('].includes(previous))) {
      macros.push(token);
    }
    previous = token;
  }
  return { macros, listItems };
}

describe('hospital Falco rules', () => {
  const environment = shippedEnvironment('prod');
  const falco = environment.intrusionDetection!.falco;
  const text = hospitalFalcoRulesYaml({
    medicalNamespaces: ['his', 'emr', 'lis', 'pacs', 'clinical-data'],
    databaseClientNamespaces: falco.databaseClientNamespaces,
    medicalEgress: falco.medicalEgress,
  });
  const items = parse(text) as Record<string, unknown>[];
  const rules = items.filter((item) => 'rule' in item);
  const macros = items.filter((item) => 'macro' in item);
  const lists = items.filter((item) => 'list' in item);

  it('is a YAML list whose every item is exactly one rule, macro or list', () => {
    expect(Array.isArray(items)).toBe(true);
    for (const item of items) expect(['rule', 'macro', 'list'].filter((kind) => kind in item)).toHaveLength(1);
    expect(rules.length + macros.length + lists.length).toBe(items.length);
  });

  it('gives every rule the fields Falco requires, with a valid priority', () => {
    expect(rules.map((rule) => rule.rule)).toEqual([
      'Hospital shell in clinical pod',
      'Hospital database client outside data stores',
      'Hospital write below etc or binaries',
      'Hospital mounted secret read by unexpected process',
      'Hospital medical egress outside declared flows',
    ]);
    for (const rule of rules) {
      for (const field of ['rule', 'desc', 'condition', 'output', 'priority'])
        expect({ rule: rule.rule, field, value: typeof rule[field] }).toEqual({ rule: rule.rule, field, value: 'string' });
      expect(['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG']).toContain(rule.priority);
      expect(rule.output).toMatch(/%k8s\.ns\.name/);
    }
    for (const macro of macros) expect(typeof macro.condition).toBe('string');
    for (const list of lists) expect(Array.isArray(list.items)).toBe(true);
  });

  it('references only macros and lists it defines or Falco ships (documented in falco-stock.ts)', () => {
    const definedMacros = new Set([...FALCO_STOCK_MACROS, ...macros.map((macro) => String(macro.macro))]);
    const definedLists = new Set([...FALCO_STOCK_LISTS, ...lists.map((list) => String(list.list))]);
    const undefinedReferences: string[] = [];
    for (const item of [...rules, ...macros]) {
      const { macros: used, listItems } = references(String(item.condition));
      for (const name of used) if (!definedMacros.has(name)) undefinedReferences.push(`${String(item.rule ?? item.macro)}: macro ${name}`);
      // Our own lists all carry the hospital_ prefix: any such item must be a defined list.
      for (const name of listItems)
        if (name.startsWith('hospital_') && !definedLists.has(name)) undefinedReferences.push(`${String(item.rule ?? item.macro)}: list ${name}`);
    }
    expect(undefinedReferences).toEqual([]);
    // The checker itself sees references (guards against a tokenizer that finds nothing).
    expect(references('spawned_process and hospital_medical_pod and shell_procs').macros).toEqual(['spawned_process', 'hospital_medical_pod', 'shell_procs']);
    expect(references('proc.name in (hospital_db_client_binaries) and not k8s.ns.name in (a, b)').listItems).toEqual(['hospital_db_client_binaries', 'a', 'b']);
    expect(references('open_write and not unknown_macro').macros).toContain('unknown_macro');
  });

  it('uses every macro and list it defines', () => {
    const conditions = [...rules, ...macros].map((item) => String(item.condition)).join(' ');
    for (const name of [...macros.map((macro) => String(macro.macro)), ...lists.map((list) => String(list.list))]) {
      expect({ name, used: new RegExp(`\\b${name}\\b`).test(conditions) }).toEqual({ name, used: true });
    }
  });

  it('turns the declared medical flows into the allowed destinations', () => {
    const flows = macros.find((macro) => macro.macro === 'hospital_declared_medical_flows')!;
    expect(flows.condition).toContain('(fd.snet in ("10.244.0.0/16"))');
    expect(flows.condition).toContain('(fd.snet in ("10.0.0.0/28") and fd.sport in (53, 123))');
    const namespaces = lists.find((list) => list.list === 'hospital_db_client_namespaces')!;
    expect(namespaces.items).toEqual(['clinical-data', 'backup']);
  });
});
