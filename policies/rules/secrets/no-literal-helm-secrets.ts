import { parse as parseYaml } from 'yaml';
import { isUnknown, type ResourceRule } from '../../model';
import { parseValuesDocument } from '../../helm-values/values-documents';
import { blocks, isObject, str } from '../../values';
import { credentialsInText, isLiteralCredential } from './credentials';
import { isSecretName } from './patterns';
import { SECRETS_CONTROLS } from './no-literal-secret-data';

/** Stands in for `${…}` when a values document is parsed: an interpolation is no literal. */
const PLACEHOLDER = '__terraform_interpolation__';

/** Credential-named keys with literal values, and credentials inside any string value, as `path: why`. */
function literalSecretsIn(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((item, index) => literalSecretsIn(item, `${path}[${index}]`, out));
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const innerPath = path ? `${path}.${key}` : key;
      if (isSecretName(key) && isLiteralCredential(inner) && !inner.includes(PLACEHOLDER) && !inner.includes('\n'))
        out.push(`${innerPath} has a literal value`);
      else literalSecretsIn(inner, innerPath, out);
    }
  } else if (typeof value === 'string' && !value.includes(PLACEHOLDER)) {
    for (const problem of credentialsInText(value)) out.push(`${path}: ${problem}`);
  }
}

/** Estates repeat the same values documents across environments: parse each distinct text once. */
const documentCache = new Map<string, readonly string[]>();
function literalSecretsInDocument(text: string): readonly string[] {
  let found = documentCache.get(text);
  // Stryker disable next-line ConditionalExpression: a cache guard; parsing the document again finds the same paths
  if (!found) {
    const paths: string[] = [];
    if (text.includes('${')) {
      try {
        literalSecretsIn(parseYaml(text.replace(/\$\{[^}]*\}/g, PLACEHOLDER)), '', paths);
      } catch {
        // not YAML we can read: the chart would reject it too
      }
    } else {
      // Without interpolations the text is what the other Helm rules parse: share their parse.
      const parsed = parseValuesDocument(text);
      if (parsed.ok) literalSecretsIn(parsed.value, '', paths);
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: bounds the cache's memory; clearing it sooner, later or never changes no result
    if (documentCache.size > 10_000) documentCache.clear();
    documentCache.set(text, (found = paths));
  }
  return found;
}

export const noLiteralHelmSecrets: ResourceRule = {
  id: 'secrets/no-literal-helm-secrets',
  profile: 'generic',
  title: 'Helm releases pass no literal passwords, tokens or keys',
  severity: 'critical',
  rationale:
    'Helm `set`/`set_sensitive` entries and `values` documents are written verbatim into cdk.tf.json and Terraform state (`set_sensitive` only hides the value from the plan output); a literal credential there — a password key, an Alertmanager receiver with its api_key or its Slack/DingTalk/WeCom/Feishu webhook URL, a URL with user:password@ — is a leaked credential.',
  remediation:
    'Point the chart to an existing Secret (`existingSecret`-style values, Alertmanager `*_file` settings with the Secret mounted), or pass the value from a sensitive Terraform variable (an interpolation, never a literal) through `set_sensitive`.',
  resourceTypes: ['helm_release'],
  controls: SECRETS_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const failures: string[] = [];
    for (const key of ['set', 'set_sensitive', 'set_list']) {
      blocks(resource.values[key]).forEach((entry, index) => {
        const name = str(entry.name);
        const values = Array.isArray(entry.value) ? entry.value : [entry.value];
        const literal = values.some(isLiteralCredential);
        if (key === 'set_sensitive' && literal)
          failures.push(
            `${key}[${index}] "${name ?? '?'}" has a literal value (set_sensitive hides it from the plan output, not from cdk.tf.json or the state)`,
          );
        else if (name && isSecretName(name) && literal) failures.push(`${key}[${index}] "${name}" has a literal value`);
        else
          for (const value of values)
            if (typeof value === 'string') for (const problem of credentialsInText(value)) failures.push(`${key}[${index}] "${name ?? '?'}": ${problem}`);
      });
    }
    // Stryker disable next-line ArrayDeclaration: any stand-in document Stryker puts here is a YAML scalar without keys, so it finds nothing either
    const documents = Array.isArray(resource.values.values) ? resource.values.values : [];
    documents.forEach((document, index) => {
      const text = isUnknown(document) ? document.template : str(document);
      if (text === undefined) return; // wholly computed (yamlencode of a variable): no literal here
      for (const problem of literalSecretsInDocument(text)) failures.push(`values[${index}] ${problem}`);
    });
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: 'no Helm value carries a literal credential' };
  },
};
