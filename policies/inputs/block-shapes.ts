/**
 * Terraform written for the kubernetes provider, checked against the provider's attribute tree where a
 * wrong shape would change what the rules see. HCL's converter keeps only the last of `volume = "x"`
 * and a `volume { host_path { … } }` block, so the block — the one thing a rule must see — vanishes;
 * Terraform itself rejects such a file ("An argument named "volume" is not expected here"). A plain
 * value where the provider has a block is therefore unusable input (exit 2), never an empty block list.
 *
 * Map attributes the generic normalization wrapped as a one-block list (an attribute missing from
 * `KNOWN_MAP_ATTRIBUTES`) are unwrapped back into maps on the way.
 */
import { isUnknown } from '../model';
import { isBlock, resourceSchema, type BlockSchema } from './provider-schema/schema';

export interface ShapeProblem {
  /** Key path inside the resource, e.g. `spec[0].template[0].spec[0].volume`. */
  readonly keyPath: string;
  readonly message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);

/** Whether a string will become an UnknownValue (an interpolation resolved later). */
const isInterpolation = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

/** The first value of a resource of the kubernetes provider whose shape contradicts the provider's schema. */
export function checkBlockShapes(type: string, values: Record<string, unknown>): ShapeProblem | undefined {
  const schema = resourceSchema(type);
  return schema ? checkBlock(values, schema, '') : undefined;
}

function checkBlock(values: Record<string, unknown>, schema: BlockSchema, path: string): ShapeProblem | undefined {
  for (const attribute in values) {
    const node = schema[attribute];
    if (node === undefined) continue;
    const value = values[attribute];
    const keyPath = path ? `${path}.${attribute}` : attribute;
    if (node === 'map') {
      if (Array.isArray(value) && value.length === 1 && isObject(value[0])) values[attribute] = value[0];
      continue;
    }
    if (!isBlock(node) || isUnknown(value) || isInterpolation(value)) continue;
    const list = Array.isArray(value) ? value : isObject(value) ? [value] : undefined;
    if (!list) {
      return {
        keyPath,
        message: `expected a \`${attribute}\` block, got the value ${JSON.stringify(value)} (Terraform rejects an argument where the provider has a block; a block beside it is lost)`,
      };
    }
    for (let index = 0; index < list.length; index++) {
      const item = list[index];
      if (isUnknown(item) || isInterpolation(item)) continue;
      if (!isObject(item)) return { keyPath: `${keyPath}[${index}]`, message: `expected a \`${attribute}\` block, got the value ${JSON.stringify(item)}` };
      const problem = checkBlock(item, node, `${keyPath}[${index}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}
