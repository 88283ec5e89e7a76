/**
 * The kubernetes provider's attribute tree per resource type (`kubernetes.json`, derived from the
 * prebuilt provider package by `derive.ts`): which attributes exist, which are nested blocks, maps,
 * lists or scalars of which type. Adapters use it to put a Kubernetes object's fields where the
 * provider has them, and to refuse Terraform where a block is written as a plain value.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type AttributeKind = 'string' | 'number' | 'bool' | 'any';
/** A scalar kind, `map` (of strings), `list:<kind>` (of scalars), or a nested block's attributes. */
export type SchemaNode = AttributeKind | 'map' | `list:${AttributeKind}` | BlockSchema;
export interface BlockSchema {
  readonly [attribute: string]: SchemaNode;
}

export interface ProviderSchema {
  readonly provider: string;
  /** The package (and version) the tree was derived from. */
  readonly package: string;
  readonly resources: Readonly<Record<string, BlockSchema>>;
}

export const SCHEMA_FILE = path.join(__dirname, 'kubernetes.json');

let loaded: ProviderSchema | undefined;

export function providerSchema(): ProviderSchema {
  loaded ??= JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as ProviderSchema;
  return loaded;
}

/** The attribute tree of a resource type of the kubernetes provider, or undefined for other types. */
export function resourceSchema(type: string): BlockSchema | undefined {
  if (!type.startsWith('kubernetes_')) return undefined;
  return providerSchema().resources[type];
}

export const isBlock = (node: SchemaNode | undefined): node is BlockSchema => typeof node === 'object';
