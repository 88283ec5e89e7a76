/**
 * One Terraform configuration (a tf.json file, or the `*.tf` files of one folder) → normalized
 * resources. tf.json and `hcl2json` output share the Terraform JSON syntax, except that hcl2json wraps
 * every block body in a list; `single()` accepts both.
 */
import type { Resource } from '../model';
import { checkBlockShapes } from './block-shapes';
import { InputError } from './errors';
import { resolveManifestResource } from './manifests';
import { isPlainObject, normalizeBody, single, type PendingInterpolation } from './normalize';
import { resolvePending } from './references';

/** Top-level keys of Terraform JSON syntax; an object with none of them is not Terraform. */
export const TERRAFORM_TOP_LEVEL_KEYS = ['resource', 'data', 'terraform', 'provider', 'module', 'variable', 'output', 'locals'];

/** The synthetic resource type that carries a configuration's state backend (see README). */
export const BACKEND_RESOURCE_TYPE = 'terraform_backend';
/**
 * The synthetic resource type of a provider configuration block (`provider.kubernetes`,
 * `provider.helm.<alias>`): its values are `{ name, alias?, config }`, so rules can judge what a
 * provider block writes into the configuration (credentials, see secrets/no-credentials-in-provider-config).
 */
export const PROVIDER_RESOURCE_TYPE = 'terraform_provider';

export interface ConfigurationSource {
  /** The parsed document(s), each with the file it came from. */
  readonly documents: readonly { readonly file: string; readonly json: Record<string, unknown> }[];
  readonly environment: string;
  /** File named on the synthetic backend resource. */
  readonly file: string;
}

export function isTerraformDocument(json: unknown): json is Record<string, unknown> {
  return isPlainObject(json) && TERRAFORM_TOP_LEVEL_KEYS.some((key) => key in json);
}

export function resourcesFromConfiguration(source: ConfigurationSource): Resource[] {
  const pending: PendingInterpolation[] = [];
  const byAddress = new Map<string, Record<string, unknown>>();
  const variables = new Map<string, unknown>();
  const locals = new Map<string, unknown>();
  const resources: Resource[] = [];
  let backend: { type: string; config: Record<string, unknown>; file: string } | undefined;
  const providers: Resource[] = [];

  for (const { file, json } of source.documents) {
    readResources(file, json, source.environment, pending, byAddress, resources);
    readVariables(json, variables, locals);
    backend = readBackend(json, file) ?? backend;
    providers.push(...readProviders(json, file, source.environment));
  }
  resolvePending(pending, { resources: byAddress, variables, locals });
  for (let index = 0; index < resources.length; index++) resources[index] = resolveManifestResource(resources[index]!);

  resources.push({
    address: 'terraform.backend',
    type: BACKEND_RESOURCE_TYPE,
    name: 'backend',
    // `declared`: the configuration states its backend, as a root module does (a module folder does not).
    values: { type: backend?.type ?? 'local', config: backend?.config ?? {}, declared: backend !== undefined },
    environment: source.environment,
    file: backend?.file ?? source.file,
  });
  resources.push(...providers);
  return resources;
}

function readResources(
  file: string,
  json: Record<string, unknown>,
  environment: string,
  pending: PendingInterpolation[],
  byAddress: Map<string, Record<string, unknown>>,
  resources: Resource[],
): void {
  const section = json.resource;
  if (section === undefined) return;
  // Terraform JSON also allows `"resource": [ { type: { name: body } } ]`.
  const groups = Array.isArray(section) ? section : [section];
  for (const group of groups) {
    if (!isPlainObject(group)) throw new InputError(file, 'expected an object of resource types', 'resource');
    for (const [type, byName] of Object.entries(group)) {
      if (!isPlainObject(byName)) throw new InputError(file, 'expected an object of resource names', `resource.${type}`);
      for (const [name, rawBody] of Object.entries(byName)) {
        const body = single(rawBody);
        if (!isPlainObject(body)) throw new InputError(file, 'expected an object', `resource.${type}.${name}`);
        const values = normalizeBody(body, pending);
        const address = `${type}.${name}`;
        const shape = checkBlockShapes(type, values);
        if (shape) throw new InputError(file, shape.message, `resource.${address}.${shape.keyPath}`);
        byAddress.set(address, values);
        const meta = isPlainObject(body['//']) && isPlainObject(body['//'].metadata) ? body['//'].metadata : undefined;
        resources.push({
          address,
          type,
          name,
          values,
          environment,
          file,
          ...(typeof meta?.path === 'string' ? { constructPath: meta.path } : {}),
        });
      }
    }
  }
}

function readVariables(json: Record<string, unknown>, variables: Map<string, unknown>, locals: Map<string, unknown>): void {
  const declared = json.variable;
  if (isPlainObject(declared)) {
    for (const [name, raw] of Object.entries(declared)) {
      const body = single(raw);
      if (isPlainObject(body) && 'default' in body && body.default !== null) variables.set(name, normalizeValue(body.default));
    }
  }
  for (const block of Array.isArray(json.locals) ? json.locals : [json.locals]) {
    if (!isPlainObject(block)) continue;
    for (const [name, value] of Object.entries(block)) locals.set(name, normalizeValue(value));
  }
}

/** Variable defaults and locals are plain values: interpolations inside them stay unresolved strings. */
function normalizeValue(value: unknown): unknown {
  return isPlainObject(value) ? normalizeBody(value, []) : value;
}

/** `provider: { kubernetes: [ { … }, { alias: "dr", … } ] }` (or one object per name) → one resource per block. */
function readProviders(json: Record<string, unknown>, file: string, environment: string): Resource[] {
  const section = single(json.provider);
  if (!isPlainObject(section)) return [];
  const providers: Resource[] = [];
  for (const [name, blocks] of Object.entries(section)) {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isPlainObject(block)) continue;
      const alias = typeof block.alias === 'string' ? block.alias : undefined;
      providers.push({
        address: alias ? `provider.${name}.${alias}` : `provider.${name}`,
        type: PROVIDER_RESOURCE_TYPE,
        name,
        values: { name, ...(alias ? { alias } : {}), config: normalizeBody(block, []) },
        environment,
        file,
      });
    }
  }
  return providers;
}

function readBackend(json: Record<string, unknown>, file: string): { type: string; config: Record<string, unknown>; file: string } | undefined {
  const terraform = single(json.terraform);
  if (!isPlainObject(terraform)) return undefined;
  const cloud = single(terraform.cloud);
  if (isPlainObject(cloud)) return { type: 'cloud', config: normalizeBody(cloud, []), file };
  const backend = single(terraform.backend);
  if (!isPlainObject(backend)) return undefined;
  const [type] = Object.keys(backend);
  if (!type) return undefined;
  const config = single(backend[type]);
  return { type, config: isPlainObject(config) ? normalizeBody(config, []) : {}, file };
}
