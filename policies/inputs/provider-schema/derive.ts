/**
 * `npx tsx policies/inputs/provider-schema/derive.ts`: derives the attribute tree of every resource type
 * of the kubernetes provider from the prebuilt provider package (`@cdktf/provider-kubernetes`, generated
 * from the provider's own schema) and writes `kubernetes.json` beside this file. The committed file lets
 * the input adapters map Kubernetes objects onto the provider's attribute names and tell blocks from
 * maps without loading the provider package (policies read any Terraform, with or without it);
 * `test/policies/inputs/provider-schema.test.ts` re-derives it and compares.
 *
 * The generated `…ToTerraform(struct)` functions list every attribute with how it is written:
 * `cdktf.stringToTerraform(…)` a string, `cdktf.hashMapper(…)` a map, `cdktf.listMapper(cdktf.…)` a
 * list of scalars, `fooToTerraform(…)` / `cdktf.listMapper(fooToTerraform, true)` a nested block.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_FILE, type AttributeKind, type BlockSchema, type ProviderSchema, type SchemaNode } from './schema';

const PACKAGE = '@cdktf/provider-kubernetes';

interface ParsedFunctions {
  /** Function name → its attribute lines (`name` → expression). */
  readonly bodies: Map<string, [string, string][]>;
}

const FUNCTION = /^function (\w+)ToTerraform\(struct\) \{$/;
const ATTRIBUTE = /^\s+(\w+): (.*)\((?:struct\.\w+|this\._\w+(?:\.internalValue)?)\),?$/;

/** Functions of another generated file are called as `(0, structs0_1.fooToTerraform)(…)` or passed as `structs0_1.fooToTerraform`. */
const unqualified = (line: string): string =>
  line.replace(/\(0, (?:index_structs_1|structs\d+_1)\.(\w+)\)/g, '$1').replace(/\b(?:index_structs_1|structs\d+_1)\./g, '');

function parseFunctions(files: readonly string[]): ParsedFunctions {
  const bodies = new Map<string, [string, string][]>();
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (let index = 0; index < lines.length; index++) {
      const match = FUNCTION.exec(lines[index]!);
      if (!match) continue;
      const attributes: [string, string][] = [];
      // The body: guard clauses, then `return { … };`.
      let line = index + 1;
      while (line < lines.length && !/^\s+return \{$/.test(lines[line]!)) line++;
      for (line++; line < lines.length && !/^\s+\};$/.test(lines[line]!); line++) {
        const attribute = ATTRIBUTE.exec(unqualified(lines[line]!));
        if (attribute) attributes.push([attribute[1]!, attribute[2]!]);
      }
      bodies.set(match[1]!, attributes);
    }
  }
  return { bodies };
}

function scalarKind(expression: string): AttributeKind {
  if (expression.includes('numberToTerraform')) return 'number';
  if (expression.includes('booleanToTerraform')) return 'bool';
  if (expression.includes('anyToTerraform')) return 'any';
  return 'string';
}

const SCALAR = /^cdktf\.(?:string|number|boolean|any)ToTerraform$/;
const SCALAR_LIST = /^cdktf\.listMapper\(cdktf\.(?:string|number|boolean|any)ToTerraform, false\)$/;
const MAP = /^cdktf\.hashMapper\(cdktf\.(?:string|number|boolean|any)ToTerraform\)$/;
const BLOCK = /^(\w+)ToTerraform$/;
const BLOCK_LIST = /^cdktf\.listMapper\((\w+)ToTerraform, true\)$/;

function nodeOf(expression: string, functions: ParsedFunctions, seen: readonly string[]): SchemaNode {
  if (MAP.test(expression)) return 'map';
  if (SCALAR_LIST.test(expression)) return `list:${scalarKind(expression)}`;
  if (SCALAR.test(expression)) return scalarKind(expression);
  const block = BLOCK.exec(expression) ?? BLOCK_LIST.exec(expression);
  // A shape this parser does not know means the generator changed: stop rather than guess.
  if (!block) throw new Error(`${PACKAGE}: unexpected attribute expression ${expression}`);
  return blockOf(block[1]!, functions, seen);
}

function blockOf(name: string, functions: ParsedFunctions, seen: readonly string[]): BlockSchema {
  const body = functions.bodies.get(name);
  if (!body) throw new Error(`${PACKAGE}: no function ${name}ToTerraform`);
  if (seen.includes(name)) throw new Error(`${PACKAGE}: recursive block ${name}`);
  const block: Record<string, SchemaNode> = {};
  for (const [attribute, expression] of body) block[attribute] = nodeOf(expression, functions, [...seen, name]);
  return block;
}

/** The root attributes of a resource class: `synthesizeAttributes() { return { … }; }`. */
function rootAttributes(indexFile: string): [string, string][] {
  const text = fs.readFileSync(indexFile, 'utf8');
  const body = /synthesizeAttributes\(\) \{\n\s+return \{\n([\s\S]*?)\n\s+\};/.exec(text);
  if (!body) throw new Error(`${indexFile}: no synthesizeAttributes`);
  return body[1]!.split('\n').flatMap((line) => {
    const attribute = ATTRIBUTE.exec(unqualified(line));
    return attribute ? [[attribute[1]!, attribute[2]!] as [string, string]] : [];
  });
}

function resourceType(indexFile: string): string | undefined {
  return /\.tfResourceType = "(kubernetes_\w+)";/.exec(fs.readFileSync(indexFile, 'utf8'))?.[1];
}

/** Every resource type's tree, keyed by type (data sources and the provider itself are left out). */
export function deriveSchema(packageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`))): ProviderSchema {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
    cdktf?: { provider?: { name: string; version: string } };
  };
  const lib = path.join(packageDir, 'lib');
  const resources: Record<string, BlockSchema> = {};
  for (const folder of fs.readdirSync(lib).sort()) {
    const indexFile = path.join(lib, folder, 'index.js');
    if (folder.startsWith('data-') || folder === 'provider' || !fs.existsSync(indexFile)) continue;
    const type = resourceType(indexFile);
    if (!type) continue;
    const structsDir = path.join(lib, folder, 'index-structs');
    const files = [
      indexFile,
      ...(fs.existsSync(structsDir)
        ? fs
            .readdirSync(structsDir)
            .filter((file) => file.endsWith('.js'))
            .map((file) => path.join(structsDir, file))
        : []),
    ];
    const functions = parseFunctions(files);
    const root: Record<string, SchemaNode> = {};
    for (const [attribute, expression] of rootAttributes(indexFile)) {
      if (attribute === 'id' || attribute === 'timeouts') continue;
      root[attribute] = nodeOf(expression, functions, []);
    }
    resources[type] = root;
  }
  const provider = manifest.cdktf?.provider;
  return { provider: provider ? `${provider.name} ${provider.version}` : 'hashicorp/kubernetes', package: `${PACKAGE}@${manifest.version}`, resources };
}

function main(): void {
  const schema = deriveSchema();
  fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(schema)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${Object.keys(schema.resources).length} resource types, ${schema.package})\n`);
}

if (require.main === module) main();
