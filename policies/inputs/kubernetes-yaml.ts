/**
 * Plain Kubernetes YAML (or JSON) files → Kubernetes objects with where they are: multi-document files,
 * `List` kinds (`kubectl get -o yaml`), the output of `helm template` and `kustomize build`, GitOps
 * folders. Parsing is safe for untrusted input: aliases are capped (no billion-laughs expansion),
 * duplicate keys are errors, nothing is executed.
 */
import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { InputError } from './errors';
import {
  duplicateKeys,
  excessiveNesting,
  firstAliasLine,
  isAliasBomb,
  MAX_INPUT_YAML_ENTRIES,
  MAX_YAML_ALIASES,
  NESTING_MESSAGE,
  yamlSizeProblem,
} from './read-file';

export interface KubernetesObjectSource {
  readonly object: Record<string, unknown>;
  /** `document 2 (line 14)`, `document 1 items[3] (line 9)`: where to look in the file. */
  readonly location: string;
  /** The line of a key path inside the object (`spec.template.spec.volumes[0]`), or of the object. */
  lineOf(keyPath: string): number;
}

export type KubernetesYamlFile =
  | { readonly kind: 'objects'; readonly objects: readonly KubernetesObjectSource[] }
  /** The file holds no Kubernetes object (a chart's values.yaml, a CI file, …): `reason` says what it is. */
  | { readonly kind: 'not-kubernetes'; readonly reason: string };

/** Helm chart templates are not YAML until rendered: `.Values`, `include`, control actions at a line start. */
const HELM_TEMPLATE = /\{\{-?\s*(?:[^}]*\.(?:Values|Release|Chart|Capabilities)\b|(?:include|template|tpl)\s+")|^\{\{-?\s*(?:if|else|end|range|with|define)\b/m;
const HELM_HINT = 'a Helm chart template: check what it renders to (`helm template … > rendered.yaml`) instead';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isKubernetesObject = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && typeof value.apiVersion === 'string' && value.apiVersion !== '' && typeof value.kind === 'string' && value.kind !== '';

/** Kinds that configure a tool rather than describe a cluster object. */
function toolConfiguration(object: Record<string, unknown>): string | undefined {
  const apiVersion = object.apiVersion as string;
  if (apiVersion.startsWith('kustomize.config.k8s.io/') || apiVersion.startsWith('config.kubernetes.io/')) {
    return 'kustomize configuration: check the output of `kustomize build` instead';
  }
  return undefined;
}

export function readKubernetesYaml(file: string, text: string): KubernetesYamlFile {
  if (HELM_TEMPLATE.test(text)) throw new InputError(file, HELM_HINT);
  const tooLarge = yamlSizeProblem(text, MAX_INPUT_YAML_ENTRIES);
  if (tooLarge) throw new InputError(file, tooLarge);
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const list: Document[] = Array.isArray(documents) ? documents : [documents as unknown as Document];
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const many = list.length > 1;

  const values: { value: unknown; document: Document; where: string }[] = [];
  list.forEach((document, index) => {
    const where = many ? `document ${index + 1}` : 'document';
    const error = document.errors[0];
    if (error) {
      throw new InputError(file, `line ${lineAt(error.pos[0])}: invalid YAML: ${error.message.split('\n')[0]}`);
    }
    const duplicate = duplicateKeys(document, lineCounter)[0];
    if (duplicate) throw new InputError(file, `line ${duplicate.line}: invalid YAML: ${duplicate.message}`);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (cause) {
      if (isAliasBomb(cause))
        throw new InputError(
          file,
          `line ${firstAliasLine(document, lineCounter) ?? 1}: ${where}: aliases expand to too many values (more than ${MAX_YAML_ALIASES} per alias)`,
        );
      throw new InputError(file, `${where}: ${(cause as Error).message.split('\n')[0]}`);
    }
    const deep = excessiveNesting(value);
    if (deep !== undefined) throw new InputError(file, `${where}: ${NESTING_MESSAGE}`, deep);
    if (value !== null && value !== undefined) values.push({ value, document, where });
  });
  if (values.length === 0) return { kind: 'not-kubernetes', reason: 'no YAML documents' };
  if (!values.some(({ value }) => isKubernetesObject(value))) {
    return { kind: 'not-kubernetes', reason: 'no Kubernetes objects (documents with apiVersion and kind)' };
  }

  const objects: KubernetesObjectSource[] = [];
  for (const { value, document, where } of values) {
    const startLine = lineAt(document.contents?.range?.[0] ?? 0);
    if (!isKubernetesObject(value)) {
      throw new InputError(
        file,
        `${where} (line ${startLine}): expected a Kubernetes object with apiVersion and kind, got ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping without them' : typeof value}`,
      );
    }
    const tool = toolConfiguration(value);
    if (tool) return { kind: 'not-kubernetes', reason: tool };
    const lineOf =
      (prefix: readonly (string | number)[]) =>
      (keyPath: string): number =>
        lineOfPath(document, [...prefix, ...pathSegments(keyPath)], lineAt) ?? startLine;
    const kind = value.kind as string;
    if (kind.endsWith('List') && Array.isArray(value.items)) {
      // API list responses omit their items' kind (`PodList` items are Pods).
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      value.items.forEach((item, index) => {
        const line = lineOf(['items', index])('');
        const withKind =
          isObject(item) && item.kind === undefined && itemKind ? { ...item, kind: itemKind, apiVersion: item.apiVersion ?? value.apiVersion } : item;
        if (!isKubernetesObject(withKind))
          throw new InputError(file, `${where} items[${index}] (line ${line}): expected a Kubernetes object with apiVersion and kind`);
        objects.push({ object: withKind, location: `${where} items[${index}] (line ${line})`, lineOf: lineOf(['items', index]) });
      });
    } else {
      objects.push({ object: value, location: `${where} (line ${startLine})`, lineOf: lineOf([]) });
    }
  }
  return { kind: 'objects', objects };
}

/** `spec.volumes[0].hostPath` → ['spec', 'volumes', 0, 'hostPath']. */
function pathSegments(keyPath: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return segments;
}

/** The line of the deepest node on the path that exists. */
function lineOfPath(document: Document, segments: readonly (string | number)[], lineAt: (offset: number) => number): number | undefined {
  for (let length = segments.length; length >= 0; length--) {
    const node = document.getIn(segments.slice(0, length), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return undefined;
}
