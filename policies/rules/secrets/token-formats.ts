/**
 * Known credential formats (AWS, GCP, GitHub, npm, Slack, SendGrid, Shopify, OpenAI, Linear, 1Password,
 * private keys, basic-auth URLs) found by secretlint's recommended preset, run synchronously on one
 * string: the preset's scanner rules are plain functions of a source (`file(source)` reports through
 * `context.report`), so they need none of secretlint's asynchronous file machinery. Only the PKCS#12
 * check of the private-key rule is asynchronous; it concerns binary files, never a string here.
 *
 * The preset is an ES module: Node ≥ 20.19 loads it with `require` (engines in package.json).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const preset = require('@secretlint/secretlint-rule-preset-recommend') as { rules: readonly ScannerRule[] };

interface Report {
  readonly message: unknown;
}

interface ScannerRule {
  readonly meta: { readonly id: string; readonly type?: string };
  create(context: unknown, options: Record<string, unknown>): { file?: (source: unknown) => unknown } | undefined;
}

const translate =
  (messages: Record<string, { en: (props: Record<string, unknown>) => string }>) =>
  (id: string, props: Record<string, unknown> = {}) => ({
    id,
    message: messages[id]?.en(props) ?? id,
    data: props,
  });

const cache = new Map<string, string[]>();
const CACHE_LIMIT = 10_000;

/** secretlint's findings in a string, as `rule: message` texts (credentials shortened). */
export function knownTokenFormats(text: string): string[] {
  if (text.length < 16) return [];
  let found = cache.get(text);
  if (found) return found;
  found = [];
  const reports: { rule: string; report: Report }[] = [];
  const source = { content: text, filePath: 'value.txt', ext: '.txt', contentType: 'text' };
  for (const rule of preset.rules) {
    if (rule.meta.type === 'filter') continue;
    const context = {
      createTranslator: translate,
      report: (report: Report) => reports.push({ rule: rule.meta.id, report }),
      ignore: () => undefined,
      registerRule: () => undefined,
    };
    try {
      const handlers = rule.create(context, {});
      handlers?.file?.(source);
    } catch {
      // A scanner that cannot read this string finds nothing in it.
    }
  }
  for (const { rule, report } of reports) {
    const message =
      typeof report.message === 'object' && report.message !== null ? String((report.message as { message?: unknown }).message) : String(report.message);
    found.push(`${rule.replace('@secretlint/secretlint-rule-', 'secretlint ')}: ${redact(message)}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, found);
  return found;
}

/** Keeps the first and last characters of long credential-like runs, so reports do not leak them. */
export function redact(message: string): string {
  return message.replace(/[A-Za-z0-9+/_=.:-]{12,}/g, (run) => `${run.slice(0, 4)}…${run.slice(-2)}`);
}
