import * as path from 'node:path';
import { z } from 'zod';
import { parseConfigYaml, reservedKeyProblems } from './config-yaml';
import { readConfigFile } from './load';
import { dnsLabel } from './schema';

/**
 * A regional health group: one template per hospital type and a short entry per hospital, so a
 * hundred clusters do not need a hundred hand-written files. A template extends an environment file
 * (relative to the group file) and may override parts of it; a hospital names its template and adds
 * its own overrides. `{{hospital}}` in any string becomes the hospital's name. The result is
 * validated exactly like a hand-written environment.
 */
export const groupFileSchema = z.strictObject({
  group: dnsLabel,
  templates: z
    .record(
      dnsLabel,
      z.strictObject({
        extends: z.string().regex(/\.ya?ml$/, 'expected the path of an environment file (*.yaml)'),
        overrides: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .refine((templates) => Object.keys(templates).length > 0, 'expected at least one template'),
  hospitals: z.record(
    z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'expected a hospital name of lower-case letters, digits and "-" (it names the stack)'),
    z.strictObject({
      template: dnsLabel,
      overrides: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
});
export type GroupFile = z.infer<typeof groupFileSchema>;

export const GROUP_FILE_SUFFIX = /\.group\.ya?ml$/;

/** One environment document produced from a group, with where its parts came from. */
export interface ExpandedEnvironment {
  readonly name: string;
  readonly document: unknown;
  /** Which template (and base file) the environment was built from, for error messages. */
  readonly origin: string;
}

export type GroupExpansion =
  | { readonly ok: true; readonly environments: readonly ExpandedEnvironment[] }
  | { readonly ok: false; readonly problems: readonly { keyPath: string; message: string }[] };

/** Deep merge where mappings merge key by key and everything else (lists included) is replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) merged[key] = Object.hasOwn(base, key) ? deepMerge(base[key], value) : value;
    return merged;
  }
  return override;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function substitute(value: unknown, hospital: string): unknown {
  if (typeof value === 'string') return value.replaceAll('{{hospital}}', hospital);
  if (Array.isArray(value)) return value.map((item) => substitute(item, hospital));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, hospital)]));
  return value;
}

/** Reads a group file and produces one environment document per hospital (not yet validated). */
export function expandGroupFile(file: string, text: string): GroupExpansion {
  const read = parseConfigYaml(text, file);
  const located = (problem: { keyPath: string; line?: number; message: string }) => ({
    keyPath: problem.keyPath,
    message: problem.line ? `line ${problem.line}: ${problem.message}` : problem.message,
  });
  if (!read.ok) return { ok: false, problems: read.problems.map(located) };
  const reserved = reservedKeyProblems(read.data, file);
  if (reserved.length > 0) return { ok: false, problems: reserved.map(located) };
  const parsed = groupFileSchema.safeParse(read.data ?? {});
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ keyPath: issue.path.join('.'), message: issue.message })) };
  }
  const group = parsed.data;
  const bases = new Map<string, unknown>();
  const problems: { keyPath: string; message: string }[] = [];
  for (const [templateName, template] of Object.entries(group.templates)) {
    const baseFile = path.resolve(path.dirname(file), template.extends);
    const keyPath = `templates.${templateName}.extends`;
    // The base is read like an environment file: regular, small, inside the repository or this folder.
    const baseText = readConfigFile(baseFile, template.extends);
    if (!baseText.ok) {
      problems.push({ keyPath, message: `${baseText.problem.message}: ${template.extends}` });
      continue;
    }
    const base = parseConfigYaml(baseText.text, template.extends);
    if (!base.ok) {
      problems.push(
        ...base.problems.map((problem) => ({
          keyPath,
          message: `in ${template.extends}${problem.line ? `:${problem.line}` : ''}: ${problem.keyPath ? `${problem.keyPath}: ` : ''}${problem.message}`,
        })),
      );
      continue;
    }
    bases.set(templateName, deepMerge(base.data, template.overrides));
  }
  const environments: ExpandedEnvironment[] = [];
  for (const [hospital, entry] of Object.entries(group.hospitals)) {
    const base = bases.get(entry.template);
    if (!(entry.template in group.templates)) {
      problems.push({
        keyPath: `hospitals.${hospital}.template`,
        message: `expected one of the templates (${Object.keys(group.templates).join(', ')}), got "${entry.template}"`,
      });
      continue;
    }
    if (base === undefined) continue;
    environments.push({
      name: hospital,
      document: substitute(deepMerge(base, entry.overrides), hospital),
      origin: `template ${entry.template}, which extends ${group.templates[entry.template]!.extends}`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, environments };
}
