/**
 * Static resolution of Terraform interpolations inside one configuration (a tf.json file or an HCL
 * folder). Hand-written because no library evaluates Terraform expressions offline; it deliberately
 * handles only what is statically known — references to attributes written in the configuration,
 * variable defaults and locals — and turns everything else into an UnknownValue (fail closed).
 */
import { isUnknown, UnknownValue } from '../model';
import { get } from '../values';
import type { PendingInterpolation } from './normalize';

export interface ResolutionContext {
  /** Normalized values by `type.name`. */
  readonly resources: ReadonlyMap<string, Record<string, unknown>>;
  /** Variable defaults by name (variables without a default are absent). */
  readonly variables: ReadonlyMap<string, unknown>;
  readonly locals: ReadonlyMap<string, unknown>;
}

const REFERENCE = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)((?:\.[\w-]+|\[\d+\])*)$/;
const MAX_DEPTH = 8;

/** Splits `a-${x}-b` into literal and expression parts; `$${` is an escaped literal `${`. */
function splitTemplate(template: string): ({ literal: string } | { expression: string })[] | undefined {
  const parts: ({ literal: string } | { expression: string })[] = [];
  let literal = '';
  let index = 0;
  while (index < template.length) {
    if (template.startsWith('$${', index)) {
      literal += '${';
      index += 3;
    } else if (template.startsWith('%{', index)) {
      return undefined; // template directives (if/for): not statically evaluated
    } else if (template.startsWith('${', index)) {
      let depth = 1;
      let end = index + 2;
      while (end < template.length && depth > 0) {
        const char = template[end];
        if (char === '{') depth++;
        else if (char === '}') depth--;
        end++;
      }
      if (depth !== 0) return undefined;
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ expression: template.slice(index + 2, end - 1).trim() });
      index = end;
    } else {
      literal += template[index];
      index++;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

function resolveExpression(expression: string, context: ResolutionContext, depth: number): unknown {
  const match = REFERENCE.exec(expression);
  if (!match) return new UnknownValue(expression);
  const [, head, name, rest] = match;
  let base: unknown;
  if (head === 'var') base = context.variables.get(name);
  else if (head === 'local') base = context.locals.get(name);
  else if (['data', 'module', 'each', 'count', 'self', 'path', 'terraform'].includes(head)) base = undefined;
  else base = context.resources.get(`${head}.${name}`);
  if (base === undefined) return new UnknownValue(expression);
  let value = rest ? get(base, rest) : base;
  if (typeof value === 'string' && value.includes('${')) value = resolveTemplate(value, context, depth + 1);
  return value === undefined || value === null ? new UnknownValue(expression) : isUnknown(value) ? new UnknownValue(expression) : value;
}

/** The value of a string that may hold interpolations: resolved, or an UnknownValue naming the expression. */
export function resolveTemplate(template: string, context: ResolutionContext, depth = 0): unknown {
  if (depth > MAX_DEPTH) return new UnknownValue(template);
  const parts = splitTemplate(template);
  if (!parts) return new UnknownValue(template, template);
  if (parts.length === 1 && 'expression' in parts[0]) return resolveExpression(parts[0].expression, context, depth);
  let text = '';
  for (const part of parts) {
    if ('literal' in part) {
      text += part.literal;
      continue;
    }
    const value = resolveExpression(part.expression, context, depth);
    if (isUnknown(value)) return new UnknownValue(value.reason, template);
    if (typeof value === 'object') return new UnknownValue(part.expression, template);
    text += String(value);
  }
  return text;
}

/** Resolves every pending interpolation in place. */
export function resolvePending(pending: readonly PendingInterpolation[], context: ResolutionContext): void {
  for (const { container, key, template } of pending) {
    (container as Record<string | number, unknown>)[key] = resolveTemplate(template, context);
  }
}
