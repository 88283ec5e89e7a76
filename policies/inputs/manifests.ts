/**
 * Kubernetes objects read from YAML/JSON files → normalized resources (one input unit: the objects of
 * one folder or file, judged as one cluster). Objects owned by a controller that is also in the input
 * (the ReplicaSets of a Deployment, their Pods, in `kubectl get all -o yaml`) are left out so each
 * workload is judged once. No synthetic `terraform_backend` is added: manifests carry no Terraform
 * state, so state rules produce no result for them (see policies/README.md).
 */
import { isUnknown, type Resource } from '../model';
import { InputError } from './errors';
import { convertObject, MANIFEST_TYPE, ObjectShapeError } from './kubernetes-objects';
import type { KubernetesObjectSource } from './kubernetes-yaml';

export interface ManifestFile {
  readonly file: string;
  readonly objects: readonly KubernetesObjectSource[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function objectKey(kind: unknown, namespace: unknown, name: unknown): string {
  return `${String(kind)}/${typeof namespace === 'string' && namespace ? namespace : 'default'}/${String(name)}`;
}

/** Controllers' owned objects present beside their owner, by object key. */
function ownedObjects(files: readonly ManifestFile[]): Set<KubernetesObjectSource> {
  const present = new Set<string>();
  for (const { objects } of files) {
    for (const { object } of objects) {
      const metadata = isObject(object.metadata) ? object.metadata : {};
      present.add(objectKey(object.kind, metadata.namespace, metadata.name));
    }
  }
  const owned = new Set<KubernetesObjectSource>();
  for (const { objects } of files) {
    for (const source of objects) {
      const metadata = isObject(source.object.metadata) ? source.object.metadata : {};
      const owners = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences.filter(isObject) : [];
      if (owners.some((owner) => owner.controller === true && present.has(objectKey(owner.kind, metadata.namespace, owner.name)))) owned.add(source);
    }
  }
  return owned;
}

export function resourcesFromManifests(files: readonly ManifestFile[], environment: string): Resource[] {
  const owned = ownedObjects(files);
  const resources: Resource[] = [];
  const addresses = new Map<string, number>();
  for (const { file, objects } of files) {
    for (const source of objects) {
      if (owned.has(source)) continue;
      let converted: ReturnType<typeof convertObject>;
      try {
        const metadata = isObject(source.object.metadata) ? source.object.metadata : {};
        if (typeof metadata.name !== 'string' && typeof metadata.generateName !== 'string')
          throw new ObjectShapeError('metadata.name', 'required (every Kubernetes object has a name)');
        converted = convertObject(source.object);
      } catch (error) {
        if (error instanceof ObjectShapeError)
          throw new InputError(file, `${source.location}: ${error.keyPath} (line ${source.lineOf(error.keyPath)}): ${error.detail}`);
        throw error;
      }
      // The same object twice (two overlays, a copy) stays visible as two resources.
      const base = `${converted.type}.${converted.name}`;
      const seen = (addresses.get(base) ?? 0) + 1;
      addresses.set(base, seen);
      const name = seen === 1 ? converted.name : `${converted.name}#${seen}`;
      resources.push({ address: `${converted.type}.${name}`, type: converted.type, name, values: converted.values, environment, file });
    }
  }
  return resources;
}

/**
 * A `kubernetes_manifest` resource as the resource type of its object (a Deployment written as
 * `kubernetes_manifest` is judged as `kubernetes_deployment_v1`), keeping its Terraform address so
 * findings and waivers name what the user wrote. A manifest whose kind the provider has no resource type
 * for, or whose apiVersion or kind is known only after apply, stays as it is.
 */
export function resolveManifestResource(resource: Resource): Resource {
  if (resource.type !== MANIFEST_TYPE) return resource;
  const manifest = resource.values.manifest;
  if (!isObject(manifest) || isUnknown(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') return resource;
  try {
    const converted = convertObject(manifest);
    if (converted.type === MANIFEST_TYPE) return resource;
    const before = resource.change?.before?.manifest;
    const change = resource.change && {
      ...resource.change,
      before: isObject(before) && !isUnknown(before) ? convertObject(before).values : resource.change.before,
    };
    return { ...resource, type: converted.type, values: converted.values, ...(change ? { change } : {}) };
  } catch (error) {
    if (error instanceof ObjectShapeError) throw new InputError(resource.file, error.detail, `${resource.address}.manifest.${error.keyPath}`);
    throw error;
  }
}
