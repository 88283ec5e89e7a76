/**
 * Evaluates an alert's PromQL expression against a small model of the series it watches, so a rule can
 * ask "does this alert fire when disk usage is 85 %?" whatever way the expression is written
 * (`used / size * 100 >= 80`, `avail / size < 0.2`, `80 <= …`, `… > bool 79 == 1`).
 *
 * Parsing uses Prometheus's own grammar (`@prometheus-io/lezer-promql`, the parser of the Prometheus web
 * UI). No maintained JavaScript library evaluates PromQL without a Prometheus server, so the evaluation
 * below is written by hand: instant vectors with label matching (`on`, `ignoring`, `group_left/right`),
 * arithmetic, comparison filters and `bool`, `and`/`or`/`unless`, aggregations, and the functions alert
 * expressions use on gauges, counters and histograms. A model gives each watched metric its series
 * (labels, value, and a per-second rate for counters); a metric the model does not know is absent,
 * which can only stop an alert from firing (fail closed). Anything else (an unknown function, a
 * subquery, invalid syntax) throws {@link PromqlUnsupported}; the caller reports it and fails closed.
 */
import { parser } from '@prometheus-io/lezer-promql';

/** One series of the model. `rate` is the per-second increase of a counter (0 for gauges). */
export interface ModelSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly rate?: number;
  /** The φ-quantile a histogram's buckets describe (`<metric>_bucket` series only): φ → seconds. */
  readonly quantile?: (phi: number) => number;
}

/** Metric name → its series, for one situation (e.g. "disk 85 % full"). */
export type SeriesModel = ReadonlyMap<string, readonly ModelSeries[]>;

export class PromqlUnsupported extends Error {}

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly rate: number;
  readonly quantile?: (phi: number) => number;
}

type Value =
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'vector'; readonly samples: readonly Sample[]; readonly range?: number; readonly uncertain: boolean };

interface SyntaxNode {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly firstChild: SyntaxNode | null;
  readonly nextSibling: SyntaxNode | null;
  readonly type: { readonly isError: boolean };
}

/** Whether the expression yields at least one sample in the modelled situation (the alert fires). */
export function fires(expr: string, model: SeriesModel): boolean {
  const result = evaluate(expr, model);
  if (result.kind === 'vector') return result.samples.some((sample) => !Number.isNaN(sample.value));
  throw new PromqlUnsupported(`an alert expression must be a vector, got a ${result.kind}`);
}

/** The metric names an expression reads (to tell which model applies). */
const metricSets = new Map<string, ReadonlySet<string>>();

export function metricsOf(expr: string): ReadonlySet<string> {
  const known = metricSets.get(expr);
  if (known) return known;
  const root = parse(expr);
  const names = new Set<string>();
  const visit = (node: SyntaxNode): void => {
    if (node.name === 'VectorSelector') {
      const name = selectorName(node, expr);
      if (name) names.add(name);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  if (metricSets.size > 5000) metricSets.clear();
  metricSets.set(expr, names);
  return names;
}

const trees = new Map<string, SyntaxNode>();

function parse(expr: string): SyntaxNode {
  let root = trees.get(expr);
  if (!root) {
    root = parser.parse(expr).topNode as unknown as SyntaxNode;
    let error = false;
    const visit = (node: SyntaxNode): void => {
      if (node.type.isError) error = true;
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    };
    visit(root);
    if (error) throw new PromqlUnsupported('the expression is not valid PromQL');
    if (trees.size > 5000) trees.clear();
    trees.set(expr, root);
  }
  return root;
}

export function evaluate(expr: string, model: SeriesModel): Value {
  const root = parse(expr);
  const body = root.firstChild;
  if (!body) throw new PromqlUnsupported('the expression is empty');
  return new Evaluator(expr, model).eval(body);
}

const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
};

const unquote = (literal: string): string => {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : literal) as string;
};

function selectorName(node: SyntaxNode, expr: string): string | undefined {
  const identifier = children(node).find((child) => child.name === 'Identifier');
  if (identifier) return expr.slice(identifier.from, identifier.to);
  for (const matcher of labelMatchers(node, expr)) if (matcher.label === '__name__' && matcher.op === '=') return matcher.value;
  return undefined;
}

interface LabelMatcher {
  readonly label: string;
  readonly op: string;
  readonly value: string;
}

function labelMatchers(node: SyntaxNode, expr: string): LabelMatcher[] {
  const list = children(node).find((child) => child.name === 'LabelMatchers');
  if (!list) return [];
  return children(list).flatMap((matcher): LabelMatcher[] => {
    const parts = children(matcher);
    const op = parts.find((part) => part.name === 'MatchOp');
    const literal = parts.filter((part) => part.name === 'StringLiteral').at(-1);
    const nameNode = parts.find((part) => part.name === 'LabelName' || part.name === 'QuotedLabelName');
    if (!op || !literal) {
      // `{"metric_name"}`: a quoted metric name alone.
      return literal ? [{ label: '__name__', op: '=', value: unquote(expr.slice(literal.from, literal.to)) }] : [];
    }
    const label = nameNode
      ? nameNode.name === 'QuotedLabelName'
        ? unquote(expr.slice(nameNode.from, nameNode.to))
        : expr.slice(nameNode.from, nameNode.to)
      : '__name__';
    return [{ label, op: expr.slice(op.from, op.to), value: unquote(expr.slice(literal.from, literal.to)) }];
  });
}

const regexes = new Map<string, RegExp>();
/** An anchored PromQL regex, compiled once per run of rules (alerts repeat the same few). */
function anchored(source: string): RegExp {
  let regex = regexes.get(source);
  if (!regex) {
    if (regexes.size > 5000) regexes.clear();
    regexes.set(source, (regex = new RegExp(`^(?:${source})$`)));
  }
  return regex;
}

function matches(matcher: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[matcher.label] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchored(matcher.value).test(value);
    case '!~':
      return !anchored(matcher.value).test(value);
    default:
      throw new PromqlUnsupported(`unknown matcher ${matcher.op}`);
  }
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds of a PromQL duration (`5m`, `1h30m`) or a number of seconds. */
export function promDurationSeconds(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(amount) * DURATION_UNITS[unit!]!;
  return total;
}

function numberLiteral(text: string): number {
  const clean = text.replace(/_/g, '');
  if (/^[+-]?inf$/i.test(clean)) return clean.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(clean)) return Number.NaN;
  if (/^0x[0-9a-f]+$/i.test(clean)) return Number.parseInt(clean, 16);
  const seconds = /^\d/.test(clean) && /[a-z]$/i.test(clean) ? promDurationSeconds(clean) : undefined;
  if (seconds !== undefined) return seconds;
  const value = Number(clean);
  if (Number.isNaN(value)) throw new PromqlUnsupported(`cannot read the number ${text}`);
  return value;
}

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPERATORS = new Set(['And', 'Or', 'Unless']);
const ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);

function apply(operator: string, left: number, right: number): number {
  switch (operator) {
    case 'Add':
      return left + right;
    case 'Sub':
      return left - right;
    case 'Mul':
      return left * right;
    case 'Div':
      return left / right;
    case 'Mod':
      return left % right;
    case 'Pow':
      return left ** right;
    case 'Atan2':
      return Math.atan2(left, right);
    case 'Eql':
      return left === right ? 1 : 0;
    case 'Neq':
      return left !== right ? 1 : 0;
    case 'Gtr':
      return left > right ? 1 : 0;
    case 'Lss':
      return left < right ? 1 : 0;
    case 'Gte':
      return left >= right ? 1 : 0;
    case 'Lte':
      return left <= right ? 1 : 0;
    default:
      throw new PromqlUnsupported(`unsupported operator ${operator}`);
  }
}

const withoutName = (labels: Readonly<Record<string, string>>): Record<string, string> => {
  const { __name__: _name, ...rest } = labels;
  return rest;
};

interface Matching {
  readonly on?: readonly string[];
  readonly ignoring: readonly string[];
  readonly group?: 'left' | 'right';
  readonly include: readonly string[];
  readonly bool: boolean;
}

function signature(labels: Readonly<Record<string, string>>, matching: Matching): string {
  const names = matching.on ? [...matching.on] : Object.keys(labels).filter((name) => name !== '__name__' && !matching.ignoring.includes(name));
  return JSON.stringify(names.sort().map((name) => [name, labels[name] ?? '']));
}

function pick(labels: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => labels[name] !== undefined).map((name) => [name, labels[name]!]));
}

const vector = (samples: readonly Sample[], uncertain = false, range?: number): Value => ({
  kind: 'vector',
  samples,
  uncertain,
  ...(range !== undefined ? { range } : {}),
});

class Evaluator {
  constructor(
    private readonly expr: string,
    private readonly model: SeriesModel,
  ) {}

  private text(node: SyntaxNode): string {
    return this.expr.slice(node.from, node.to);
  }

  eval(node: SyntaxNode): Value {
    switch (node.name) {
      case 'ParenExpr':
        return this.eval(this.only(node));
      case 'NumberDurationLiteral':
        return { kind: 'scalar', value: numberLiteral(this.text(node)) };
      case 'StringLiteral':
        return { kind: 'string', value: unquote(this.text(node)) };
      case 'UnaryExpr': {
        const [op, operand] = children(node);
        const value = this.eval(operand!);
        if (this.text(op!) !== '-') return value;
        return this.mapValues(value, (sample) => -sample, true);
      }
      case 'VectorSelector':
        return this.selector(node);
      case 'MatrixSelector': {
        const [selector, duration] = children(node);
        const value = this.selector(selector!);
        const range = promDurationSeconds(this.text(duration!));
        if (value.kind !== 'vector' || range === undefined) throw new PromqlUnsupported(`cannot read the range ${this.text(node)}`);
        return vector(value.samples, value.uncertain, range);
      }
      case 'OffsetExpr':
      case 'StepInvariantExpr':
        // The model is steady over time: an offset or `@` reads the same values.
        return this.eval(children(node)[0]!);
      case 'BinaryExpr':
        return this.binary(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      default:
        throw new PromqlUnsupported(`${node.name} (${this.text(node)}) is not evaluated by this rule`);
    }
  }

  private only(node: SyntaxNode): SyntaxNode {
    const child = node.firstChild;
    if (!child) throw new PromqlUnsupported(`empty ${node.name}`);
    return child;
  }

  private selector(node: SyntaxNode): Value {
    const name = selectorName(node, this.expr);
    const matchers = labelMatchers(node, this.expr).filter((matcher) => !(matcher.label === '__name__' && matcher.op === '=' && matcher.value === name));
    if (name === undefined) throw new PromqlUnsupported(`a selector without metric name (${this.text(node)})`);
    const series = this.model.get(name);
    if (!series) return vector([], true);
    const samples = series
      .map((entry) => ({
        labels: { __name__: name, ...entry.labels },
        value: entry.value,
        rate: entry.rate ?? 0,
        ...(entry.quantile ? { quantile: entry.quantile } : {}),
      }))
      .filter((sample) => matchers.every((matcher) => matches(matcher, sample.labels)));
    return vector(samples);
  }

  private mapValues(value: Value, map: (sample: number) => number, dropName: boolean): Value {
    if (value.kind === 'scalar') return { kind: 'scalar', value: map(value.value) };
    if (value.kind !== 'vector') throw new PromqlUnsupported('arithmetic on a string');
    return vector(
      value.samples.map((sample) => ({
        labels: dropName ? withoutName(sample.labels) : sample.labels,
        value: map(sample.value),
        rate: map(sample.rate) - map(0),
      })),
      value.uncertain,
    );
  }

  private matching(node: SyntaxNode): Matching {
    let on: string[] | undefined;
    let ignoring: string[] = [];
    let group: 'left' | 'right' | undefined;
    let include: string[] = [];
    let bool = false;
    for (const child of children(node)) {
      if (child.name === 'BoolModifier') bool = true;
      if (child.name !== 'MatchingModifierClause') continue;
      let last: string | undefined;
      for (const part of children(child)) {
        if (part.name === 'On' || part.name === 'Ignoring' || part.name === 'GroupLeft' || part.name === 'GroupRight') {
          last = part.name;
          if (part.name === 'On') on = [];
          if (part.name === 'GroupLeft') group = 'left';
          if (part.name === 'GroupRight') group = 'right';
        } else if (part.name === 'GroupingLabels') {
          const names = children(part).map((label) => this.text(label));
          if (last === 'On') on = names;
          else if (last === 'Ignoring') ignoring = names;
          else include = names;
        }
      }
    }
    return { ...(on ? { on } : {}), ignoring, ...(group ? { group } : {}), include, bool };
  }

  private binary(node: SyntaxNode): Value {
    const parts = children(node);
    const left = parts[0]!;
    const right = parts[parts.length - 1]!;
    const operator = parts[1]!.name;
    const matching = this.matching(node);
    const a = this.eval(left);
    const b = this.eval(right);
    if (SET_OPERATORS.has(operator)) return this.setOperation(operator, a, b, matching);
    if (!COMPARISONS.has(operator) && !ARITHMETIC.has(operator)) throw new PromqlUnsupported(`operator ${this.text(parts[1]!)}`);
    const comparison = COMPARISONS.has(operator);
    if (a.kind === 'string' || b.kind === 'string') throw new PromqlUnsupported('a string operand');
    if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: apply(operator, a.value, b.value) };
    if (a.kind === 'vector' && b.kind === 'scalar') return this.vectorScalar(operator, a, b.value, false, comparison, matching.bool);
    if (a.kind === 'scalar' && b.kind === 'vector') return this.vectorScalar(operator, b, a.value, true, comparison, matching.bool);
    return this.vectorVector(operator, a as Extract<Value, { kind: 'vector' }>, b as Extract<Value, { kind: 'vector' }>, matching, comparison);
  }

  private vectorScalar(
    operator: string,
    v: Extract<Value, { kind: 'vector' }>,
    scalar: number,
    scalarLeft: boolean,
    comparison: boolean,
    bool: boolean,
  ): Value {
    const samples: Sample[] = [];
    for (const sample of v.samples) {
      const result = scalarLeft ? apply(operator, scalar, sample.value) : apply(operator, sample.value, scalar);
      if (comparison && !bool) {
        if (result === 1) samples.push(sample);
        continue;
      }
      const rate = comparison
        ? 0
        : (scalarLeft ? apply(operator, scalar, sample.value + sample.rate) : apply(operator, sample.value + sample.rate, scalar)) - result;
      samples.push({ labels: withoutName(sample.labels), value: result, rate: Number.isFinite(rate) ? rate : 0 });
    }
    return vector(samples, v.uncertain);
  }

  private vectorVector(
    operator: string,
    a: Extract<Value, { kind: 'vector' }>,
    b: Extract<Value, { kind: 'vector' }>,
    matching: Matching,
    comparison: boolean,
  ): Value {
    const samples: Sample[] = [];
    const oneSide = matching.group === 'right' ? a : b;
    const manySide = matching.group === 'right' ? b : a;
    const bySignature = new Map<string, Sample>();
    for (const sample of oneSide.samples) bySignature.set(signature(sample.labels, matching), sample);
    for (const many of manySide.samples) {
      const one = bySignature.get(signature(many.labels, matching));
      if (!one) continue;
      const [left, right] = matching.group === 'right' ? [one, many] : [many, one];
      const result = apply(operator, left.value, right.value);
      if (comparison && !matching.bool) {
        if (result === 1) samples.push(left);
        continue;
      }
      let labels: Record<string, string>;
      if (matching.group) labels = { ...withoutName(many.labels), ...pick(one.labels, matching.include) };
      else labels = matching.on ? pick(left.labels, matching.on) : withoutName(left.labels);
      const rate = comparison ? 0 : apply(operator, left.value + left.rate, right.value + right.rate) - result;
      samples.push({ labels, value: result, rate: Number.isFinite(rate) ? rate : 0 });
    }
    return vector(samples, a.uncertain || b.uncertain);
  }

  private setOperation(operator: string, a: Value, b: Value, matching: Matching): Value {
    if (a.kind !== 'vector' || b.kind !== 'vector') throw new PromqlUnsupported(`${operator.toLowerCase()} needs vectors on both sides`);
    const right = new Set(b.samples.map((sample) => signature(sample.labels, matching)));
    switch (operator) {
      case 'And':
        return vector(
          a.samples.filter((sample) => right.has(signature(sample.labels, matching))),
          a.uncertain || b.uncertain,
        );
      case 'Unless':
        // A right side read from series the model does not know might hold anything: assume it suppresses.
        if (b.uncertain) return vector([], true);
        return vector(
          a.samples.filter((sample) => !right.has(signature(sample.labels, matching))),
          a.uncertain,
        );
      default: {
        const left = new Set(a.samples.map((sample) => signature(sample.labels, matching)));
        return vector([...a.samples, ...b.samples.filter((sample) => !left.has(signature(sample.labels, matching)))], a.uncertain && b.uncertain);
      }
    }
  }

  private args(node: SyntaxNode): SyntaxNode[] {
    const body = children(node).find((child) => child.name === 'FunctionCallBody');
    return body ? children(body) : [];
  }

  private call(node: SyntaxNode): Value {
    const identifier = children(node).find((child) => child.name === 'FunctionIdentifier');
    const name = identifier ? this.text(identifier) : '';
    const args = this.args(node).map((arg) => this.eval(arg));
    const first = args[0];
    const rangeOf = (): Extract<Value, { kind: 'vector' }> => {
      if (first?.kind !== 'vector' || first.range === undefined) throw new PromqlUnsupported(`${name} needs a range vector`);
      return first;
    };
    const perSample = (map: (sample: Sample) => number): Value => {
      const input = rangeOf();
      // A histogram's buckets stay a histogram through rate(): histogram_quantile reads their quantile.
      return vector(
        input.samples.map((sample) => ({
          labels: withoutName(sample.labels),
          value: map(sample),
          rate: 0,
          ...(sample.quantile ? { quantile: sample.quantile } : {}),
        })),
        input.uncertain,
      );
    };
    const scalarArg = (index: number): number => {
      const arg = args[index];
      if (arg?.kind !== 'scalar') throw new PromqlUnsupported(`${name} needs a number as argument ${index + 1}`);
      return arg.value;
    };
    switch (name) {
      case 'rate':
      case 'irate':
      case 'deriv':
        return perSample((sample) => sample.rate);
      case 'increase':
      case 'delta':
        return perSample((sample) => sample.rate * rangeOf().range!);
      case 'idelta':
        return perSample((sample) => sample.rate);
      case 'avg_over_time':
      case 'max_over_time':
      case 'min_over_time':
      case 'last_over_time':
      case 'quantile_over_time':
        if (name === 'quantile_over_time') {
          const input = args[1];
          if (input?.kind !== 'vector' || input.range === undefined) throw new PromqlUnsupported('quantile_over_time needs a range vector');
          return vector(
            input.samples.map((sample) => ({ labels: withoutName(sample.labels), value: sample.value, rate: 0 })),
            input.uncertain,
          );
        }
        return perSample((sample) => sample.value);
      case 'predict_linear': {
        const seconds = scalarArg(1);
        return perSample((sample) => sample.value + sample.rate * seconds);
      }
      case 'abs':
      case 'ceil':
      case 'floor':
      case 'round':
      case 'sgn':
      case 'sqrt':
      case 'exp':
      case 'ln': {
        const fn: Record<string, (x: number) => number> = {
          abs: Math.abs,
          ceil: Math.ceil,
          floor: Math.floor,
          round: Math.round,
          sgn: Math.sign,
          sqrt: Math.sqrt,
          exp: Math.exp,
          ln: Math.log,
        };
        if (first?.kind !== 'vector') throw new PromqlUnsupported(`${name} needs a vector`);
        return vector(
          first.samples.map((sample) => ({ labels: withoutName(sample.labels), value: fn[name]!(sample.value), rate: 0 })),
          first.uncertain,
        );
      }
      case 'clamp_min':
      case 'clamp_max':
      case 'clamp': {
        if (first?.kind !== 'vector') throw new PromqlUnsupported(`${name} needs a vector`);
        const low = name === 'clamp_max' ? -Infinity : scalarArg(1);
        const high = name === 'clamp_min' ? Infinity : scalarArg(name === 'clamp' ? 2 : 1);
        return vector(
          first.samples.map((sample) => ({ labels: withoutName(sample.labels), value: Math.min(high, Math.max(low, sample.value)), rate: 0 })),
          first.uncertain,
        );
      }
      case 'vector':
        return vector([{ labels: {}, value: scalarArg(0), rate: 0 }]);
      case 'scalar':
        if (first?.kind !== 'vector') throw new PromqlUnsupported('scalar needs a vector');
        return { kind: 'scalar', value: first.samples.length === 1 ? first.samples[0]!.value : Number.NaN };
      case 'absent':
      case 'absent_over_time':
        if (first?.kind !== 'vector') throw new PromqlUnsupported(`${name} needs a vector`);
        // A selector the model does not know stays "uncertain": it may well exist in reality.
        return first.samples.length === 0 && !first.uncertain ? vector([{ labels: {}, value: 1, rate: 0 }]) : vector([], first.uncertain);
      case 'histogram_quantile': {
        const phi = scalarArg(0);
        const input = args[1];
        if (input?.kind !== 'vector') throw new PromqlUnsupported('histogram_quantile needs a vector');
        const groups = new Map<string, Sample>();
        for (const sample of input.samples) {
          if (sample.labels.le === undefined || !sample.quantile) continue;
          const { le: _le, ...labels } = withoutName(sample.labels);
          groups.set(JSON.stringify(Object.entries(labels).sort()), { labels, value: sample.quantile(phi), rate: 0 });
        }
        return vector([...groups.values()], input.uncertain);
      }
      case 'label_replace': {
        if (first?.kind !== 'vector') throw new PromqlUnsupported('label_replace needs a vector');
        const [, destination, replacement, source, regex] = args.map((arg) => (arg.kind === 'string' ? arg.value : ''));
        const pattern = new RegExp(`^(?:${regex})$`);
        return vector(
          first.samples.map((sample) => {
            const match = pattern.exec(sample.labels[source!] ?? '');
            if (!match) return sample;
            const value = replacement!.replace(/\$(\d+)|\$\{(\d+)\}/g, (_all, a: string | undefined, b: string | undefined) => match[Number(a ?? b)] ?? '');
            return { ...sample, labels: { ...sample.labels, [destination!]: value } };
          }),
          first.uncertain,
        );
      }
      default:
        throw new PromqlUnsupported(`the function ${name || this.text(node)} is not evaluated by this rule`);
    }
  }

  private aggregate(node: SyntaxNode): Value {
    const parts = children(node);
    const op = this.text(parts.find((part) => part.name === 'AggregateOp')!).toLowerCase();
    const modifier = parts.find((part) => part.name === 'AggregateModifier');
    const body = parts.find((part) => part.name === 'FunctionCallBody');
    const args = body ? children(body) : [];
    const input = this.eval(args[args.length - 1]!);
    if (input.kind !== 'vector') throw new PromqlUnsupported(`${op} needs a vector`);
    // No modifier aggregates everything into one series without labels (`by ()`).
    let by: string[] | undefined = [];
    let without: string[] = [];
    if (modifier) {
      const kind = children(modifier)[0]!.name;
      const labels = children(children(modifier).find((part) => part.name === 'GroupingLabels')!).map((label) => this.text(label));
      if (kind === 'By') by = labels;
      else {
        by = undefined;
        without = labels;
      }
    }
    const groups = new Map<string, { labels: Record<string, string>; samples: Sample[] }>();
    for (const sample of input.samples) {
      const labels = by ? pick(sample.labels, by) : Object.fromEntries(Object.entries(withoutName(sample.labels)).filter(([name]) => !without.includes(name)));
      const key = JSON.stringify(Object.entries(labels).sort());
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { labels, samples: [] }));
      group.samples.push(sample);
    }
    const reduce = (samples: readonly Sample[], read: (sample: Sample) => number): number => {
      const values = samples.map(read);
      switch (op) {
        case 'sum':
          return values.reduce((total, value) => total + value, 0);
        case 'avg':
          return values.reduce((total, value) => total + value, 0) / values.length;
        case 'max':
        case 'topk':
          return Math.max(...values);
        case 'min':
        case 'bottomk':
          return Math.min(...values);
        case 'count':
          return read === rateOf ? 0 : values.length;
        case 'group':
          return read === rateOf ? 0 : 1;
        default:
          throw new PromqlUnsupported(`the aggregation ${op} is not evaluated by this rule`);
      }
    };
    const samples = [...groups.values()].map(({ labels, samples: members }) => {
      const quantiles = members.map((member) => member.quantile).filter((quantile) => quantile !== undefined);
      // Summing the buckets of one histogram keeps a histogram (its quantile is that of the series).
      const quantile = op === 'sum' && quantiles.length === members.length && quantiles.length > 0 ? quantiles[0] : undefined;
      return { labels, value: reduce(members, valueOf), rate: reduce(members, rateOf), ...(quantile ? { quantile } : {}) };
    });
    return vector(samples, input.uncertain);
  }
}

const valueOf = (sample: Sample): number => sample.value;
const rateOf = (sample: Sample): number => sample.rate;
