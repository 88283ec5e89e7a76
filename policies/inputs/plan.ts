/**
 * `terraform show -json <planfile>` → normalized resources. `resource_changes` is the primary source
 * (it has the actions and `after_unknown`); a plan without it falls back to `planned_values`.
 */
import type { Resource } from '../model';
import { UnknownValue } from '../model';
import { InputError } from './errors';
import { resolveManifestResource } from './manifests';
import { isPlainObject, normalizeBody } from './normalize';

export function isPlanDocument(json: unknown): json is Record<string, unknown> {
  return isPlainObject(json) && (Array.isArray(json.resource_changes) || isPlainObject(json.planned_values));
}

export function resourcesFromPlan(json: unknown, source: { file: string; environment: string }): Resource[] {
  if (!isPlanDocument(json)) {
    throw new InputError(source.file, 'not a Terraform plan (expected `resource_changes` or `planned_values` from `terraform show -json`)');
  }
  const resources = Array.isArray(json.resource_changes) ? fromResourceChanges(json.resource_changes, source) : fromPlannedValues(json.planned_values, source);
  return resources.map(resolveManifestResource);
}

function fromResourceChanges(changes: unknown[], source: { file: string; environment: string }): Resource[] {
  const resources: Resource[] = [];
  changes.forEach((entry, index) => {
    const keyPath = `resource_changes[${index}]`;
    if (!isPlainObject(entry) || typeof entry.type !== 'string' || typeof entry.address !== 'string' || !isPlainObject(entry.change)) {
      throw new InputError(source.file, 'expected an object with address, type and change', keyPath);
    }
    if (entry.mode === 'data') return;
    const change = entry.change;
    const actions = planActions(change.actions, source.file, `${keyPath}.change.actions`);
    const creates = actions.includes('create') || actions.includes('update');
    const deletes = actions.includes('delete');
    for (const side of ['before', 'after'] as const) {
      if (change[side] !== undefined && change[side] !== null && !isPlainObject(change[side]))
        throw new InputError(source.file, 'expected an object or null', `${keyPath}.change.${side}`);
    }
    const before = isPlainObject(change.before) ? change.before : null;
    const after = isPlainObject(change.after) ? change.after : null;
    // What will run is `after`: a create or update without it cannot be judged, a delete needs `before`
    // (what is removed: protected-resource-deletion reads its labels).
    if (creates && !after)
      throw new InputError(source.file, `expected the planned values (an object) for actions ${JSON.stringify(actions)}`, `${keyPath}.change.after`);
    if (deletes && !before)
      throw new InputError(source.file, `expected the current values (an object) for actions ${JSON.stringify(actions)}`, `${keyPath}.change.before`);
    // A delete-only change keeps `before` as its values for messages; the engine judges it only with
    // rules about deletions (ResourceRule.judgesDeletions), never its configuration.
    const raw = after ? withUnknowns(after, change.after_unknown, entry.address) : (before ?? {});
    resources.push({
      address: entry.address,
      type: entry.type,
      name: typeof entry.name === 'string' ? entry.name : entry.address,
      values: normalizeBody(raw, []),
      environment: source.environment,
      file: source.file,
      change: { actions, before: before ? normalizeBody(before, []) : null },
    });
  });
  return resources;
}

/** The action lists `terraform show -json` writes (format version 1.x); anything else is a malformed plan. */
const ACTION_LISTS = new Set(['no-op', 'create', 'read', 'update', 'delete', 'delete,create', 'create,delete', 'forget']);

function planActions(value: unknown, file: string, keyPath: string): string[] {
  if (!Array.isArray(value) || !value.every((action) => typeof action === 'string') || !ACTION_LISTS.has(value.join(','))) {
    const shown = Array.isArray(value) ? JSON.stringify(value).slice(0, 80) : value === undefined ? 'nothing' : typeof value;
    throw new InputError(
      file,
      `expected a list of plan actions (["create"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["no-op"], ["read"]), got ${shown}`,
      keyPath,
    );
  }
  return value as string[];
}

function fromPlannedValues(planned: unknown, source: { file: string; environment: string }): Resource[] {
  const resources: Resource[] = [];
  const visit = (module: unknown): void => {
    if (!isPlainObject(module)) return;
    for (const entry of Array.isArray(module.resources) ? module.resources : []) {
      if (!isPlainObject(entry) || entry.mode === 'data' || typeof entry.type !== 'string' || typeof entry.address !== 'string') continue;
      resources.push({
        address: entry.address,
        type: entry.type,
        name: typeof entry.name === 'string' ? entry.name : entry.address,
        values: normalizeBody(isPlainObject(entry.values) ? entry.values : {}, []),
        environment: source.environment,
        file: source.file,
      });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) visit(child);
  };
  visit(isPlainObject(planned) ? planned.root_module : undefined);
  return resources;
}

/**
 * Overlays `after_unknown` (same shape as `after`, `true` where the value is known only after apply)
 * onto a copy of `after`.
 */
function withUnknowns(after: Record<string, unknown>, unknown: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(unknown)) return after;
  const out: Record<string, unknown> = { ...after };
  for (const [key, marker] of Object.entries(unknown)) out[key] = overlay(after[key], marker, `${path}.${key}`);
  return out;
}

function overlay(value: unknown, marker: unknown, path: string): unknown {
  if (marker === true) return new UnknownValue(path);
  if (Array.isArray(marker)) {
    const list = Array.isArray(value) ? [...value] : [];
    marker.forEach((inner, index) => {
      list[index] = overlay(list[index], inner, `${path}[${index}]`);
    });
    return list;
  }
  if (isPlainObject(marker)) return withUnknowns(isPlainObject(value) ? value : {}, marker, path);
  return value;
}
