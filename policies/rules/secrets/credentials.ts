/**
 * Where a credential can hide in what the configuration writes: a credential-named key with a literal
 * value, a URL or connection string carrying a password (userinfo, a password parameter, a webhook
 * token in the path or query), a command-line flag (`--password=…`, mysql's `-pSECRET`, `curl -u
 * user:pass`, an inline `PGPASSWORD=…`), or a known token format (secretlint). References are not
 * credentials: `$(VAR)`/`$VAR`, Terraform interpolations, file paths such as `/run/secrets/db`.
 */
import { parse as parseShell } from 'shell-quote';
import { isSecretName, isReferenceValue } from './patterns';
import { knownTokenFormats } from './token-formats';

/** A literal that would put a secret in the synthesized output (not empty, not a reference). */
export function isLiteralCredential(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !isReferenceValue(value.trim());
}

/**
 * Webhook services whose URL itself is the credential: the token sits in the path (Slack, Feishu/Lark,
 * Discord, Teams, Telegram, Zapier) or in a query parameter (DingTalk `access_token`, WeCom `key`,
 * Google Chat `key`/`token`), so whoever reads the URL can post as the hospital's on-call channel.
 */
const WEBHOOK_HOSTS: readonly { readonly host: RegExp; readonly path?: RegExp; readonly query?: readonly string[]; readonly name: string }[] = [
  { host: /^hooks\.slack\.com$/, path: /^\/(services|workflows|triggers)\/\S+/, name: 'Slack webhook' },
  { host: /^(open\.feishu\.cn|open\.larksuite\.com)$/, path: /\/bot\/v2\/hook\/[^/]+/, name: 'Feishu/Lark bot webhook' },
  { host: /^(discord\.com|discordapp\.com|ptb\.discord\.com|canary\.discord\.com)$/, path: /^\/api\/webhooks\/\d+\/[^/]+/, name: 'Discord webhook' },
  { host: /(^|\.)webhook\.office\.com$|^outlook\.office(365)?\.com$/, path: /\/webhook(b2)?\/\S+/, name: 'Microsoft Teams webhook' },
  { host: /^api\.telegram\.org$/, path: /^\/bot\d+:[^/]+/, name: 'Telegram bot token' },
  { host: /^hooks\.zapier\.com$/, path: /^\/hooks\/catch\/\S+/, name: 'Zapier webhook' },
  { host: /^oapi\.dingtalk\.com$/, query: ['access_token'], name: 'DingTalk robot webhook' },
  { host: /^qyapi\.weixin\.qq\.com$/, query: ['key'], name: 'WeCom (WeChat Work) robot webhook' },
  { host: /^chat\.googleapis\.com$/, query: ['key', 'token'], name: 'Google Chat webhook' },
];
/** Query parameter names that carry credentials although no credential word is in them. */
const CREDENTIAL_PARAMETERS = new Set([
  'sig',
  'signature',
  'x-amz-signature',
  'x-goog-signature',
  'code',
  'key',
  'apikey',
  'auth',
  'authorization',
  'access_token',
]);
/** A path segment after `/hooks/`, `/webhook/`, `/bot/` … that looks like a generated token. */
const TOKEN_SEGMENT = /^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOOK_SEGMENT = /^(hooks?|webhooks?|webhookb2|bot|robot|incoming)$/i;

/** What in a URL is a credential, or undefined (WHATWG URL parser; percent-encoded names are decoded). */
export function urlCredential(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.password !== '' && isLiteralCredential(decodeURIComponent(url.password))) return `URL ${shown} carries a password in its userinfo (user:***@host)`;
  for (const [name, value] of url.searchParams) {
    const lower = name.toLowerCase();
    if (!isLiteralCredential(value)) continue;
    if (isSecretName(name) || (CREDENTIAL_PARAMETERS.has(lower) && value.length >= 16))
      return `URL ${shown} carries the query parameter "${name}" (a credential)`;
  }
  const host = url.hostname.toLowerCase();
  for (const service of WEBHOOK_HOSTS) {
    if (!service.host.test(host)) continue;
    if (service.path?.test(url.pathname)) return `URL ${shown}${url.pathname.split('/').slice(0, 3).join('/')}/… is a ${service.name}: its path is the token`;
    if (service.query?.some((name) => isLiteralCredential(url.searchParams.get(name) ?? '')))
      return `URL ${shown} is a ${service.name}: its query carries the token`;
  }
  // A generated token anywhere after a hook segment (`/hooks/<token>`, `/hooks/ops-prod/<token>`).
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  const hook = segments.findIndex((segment) => HOOK_SEGMENT.test(segment));
  if (hook >= 0) {
    const token = segments.findIndex((segment, index) => index > hook && TOKEN_SEGMENT.test(segment));
    if (token >= 0) return `URL ${shown}/${segments.slice(0, token).join('/')}/… carries a token in its path`;
  }
  return undefined;
}

const URLS = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>`]+/g;
/** Go's MySQL DSN: `user:password@tcp(host:3306)/db`. */
const GO_MYSQL_DSN = /(?:^|[\s"'=])[^\s:@/"'=]+:([^\s@/"']+)@(?:tcp|unix)\(/;
/** Oracle's `user/password@service` in JDBC thin URLs. */
const ORACLE_THIN = /jdbc:oracle:thin:[^/\s@]+\/([^@\s]+)@/i;
/** `key=value` or `key: value` pairs (ADO.NET/ODBC `;`-separated, libpq keywords, .env, properties, YAML, JSON). */
const PAIRS = /(?:^|[\s;,{"'])["']?([A-Za-z_][\w.-]*)["']?\s*(?:=|:(?!\/\/))\s*("[^"\n]*"|'[^'\n]*'|[^\s;,"'}]+)/gm;
const AUTH_HEADER = /\b(?:Authorization\s*:\s*)?(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{12,})/;

const unquote = (value: string): string => (/^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value);

/**
 * Credentials in a free-form string (a value, a file of a ConfigMap, a script): URLs, connection
 * strings, key/value pairs with credential names, authorization headers and known token formats.
 */
export function credentialsInText(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URLS)) {
    const problem = urlCredential(match[0].replace(/[),.;\]]+$/, ''));
    if (problem) found.push(problem);
  }
  const dsn = GO_MYSQL_DSN.exec(text);
  if (dsn && isLiteralCredential(dsn[1])) found.push('a MySQL DSN (user:password@tcp(…)) carries a password');
  const oracle = ORACLE_THIN.exec(text);
  if (oracle && isLiteralCredential(oracle[1])) found.push('a JDBC thin URL (user/password@…) carries a password');
  if (/[=:]/.test(text)) {
    for (const match of text.matchAll(PAIRS)) {
      const [, name, raw] = match;
      const value = unquote(raw!);
      if (isSecretName(name!) && isLiteralCredential(value) && !/^(true|false|null|yes|no|none|\d{1,6})$/i.test(value))
        found.push(`"${name}" is set to a literal value`);
    }
  }
  const header = AUTH_HEADER.exec(text);
  if (header && isLiteralCredential(header[2])) found.push(`an Authorization ${header[1]} credential`);
  found.push(...knownTokenFormats(text));
  return [...new Set(found)];
}

/** MySQL/MariaDB clients take the password glued to `-p` (`-pSECRET`). */
const MYSQL_CLIENTS =
  /^(mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlpump|mysqlshow|mysqlslap|mysqlsh|mariadb|mariadb-dump|mariadb-admin|mariadb-import|mariadb-check|mariabackup|xtrabackup)$/;
/** Clients whose next argument after the flag is a password. */
const PASSWORD_FLAGS: Readonly<Record<string, readonly string[]>> = {
  sshpass: ['-p'],
  'redis-cli': ['-a'],
  curl: ['-u', '--user', '--proxy-user', '-U'],
  wget: ['--password', '--http-password', '--ftp-password'],
};
const SHELLS = /^(sh|bash|ash|dash|zsh|ksh)$/;
const SHELL_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', 'time', 'exec', 'nohup', 'command', 'builtin']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

const basename = (command: string): string => command.slice(command.lastIndexOf('/') + 1);

/** Credentials in one command's argument vector (a container's command + args, a probe's exec). */
export function credentialsInCommand(argv: readonly string[]): string[] {
  const found: string[] = [];
  let index = 0;
  // Leading `NAME=value` assignments (env PGPASSWORD=… pg_dump) and `env`/`export` prefixes.
  while (index < argv.length && (ASSIGNMENT.test(argv[index]!) || argv[index] === 'env' || argv[index] === 'export')) {
    const assignment = ASSIGNMENT.exec(argv[index]!);
    if (assignment && isSecretName(assignment[1]!) && isLiteralCredential(assignment[2])) found.push(`${assignment[1]}=… assigns a literal value`);
    index++;
  }
  // Shell keywords before the command (`until mysqladmin …; do …`, `if psql …; then`, `exec java …`).
  while (index < argv.length && SHELL_KEYWORDS.has(argv[index]!)) index++;
  const command = basename(argv[index] ?? '');
  const args = argv.slice(index + 1);
  if (SHELLS.test(command)) {
    const script = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
    if (script !== -1 && args[script + 1] !== undefined) found.push(...credentialsInScript(args[script + 1]!));
  }
  const passwordFlags = PASSWORD_FLAGS[command] ?? [];
  args.forEach((arg, position) => {
    const next = args[position + 1];
    const flag = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/s.exec(arg);
    if (flag) {
      const [, name, inline] = flag;
      if (inline !== undefined && isSecretName(name!) && isLiteralCredential(inline))
        found.push(`${arg.slice(0, arg.indexOf('=') + 1)}… passes a literal credential`);
      else if (inline === undefined && arg.startsWith('--') && isSecretName(name!) && next !== undefined && !next.startsWith('-') && isLiteralCredential(next))
        found.push(`${arg} … passes a literal credential`);
    }
    if (MYSQL_CLIENTS.test(command) && /^-p.+/.test(arg) && !arg.startsWith('--') && isLiteralCredential(arg.slice(2)))
      found.push(`${command} -p… passes the password on the command line`);
    if (passwordFlags.includes(arg.split('=')[0]!) && next !== undefined) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : next;
      const secret = command === 'curl' ? value.slice(value.indexOf(':') + 1) : value;
      if ((command !== 'curl' || value.includes(':')) && isLiteralCredential(secret))
        found.push(`${command} ${arg.split('=')[0]} … passes a literal credential`);
    }
    if (
      /^(sqlplus|rman|expdp|impdp|exp|imp|sqlldr)$/.test(command) &&
      /^[^/\s@-][^/\s@]*\/[^@\s/]+(@\S+)?$/.test(arg) &&
      isLiteralCredential(arg.split('/')[1]!.split('@')[0])
    ) {
      found.push(`${command} user/password… passes the password on the command line`);
    }
  });
  for (const arg of args) found.push(...credentialsInText(arg).filter((problem) => !problem.startsWith('"')));
  return [...new Set(found)];
}

/** Credentials in a shell script: every simple command of it, and assignments anywhere. */
export function credentialsInScript(script: string): string[] {
  const found: string[] = [];
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) found.push(...credentialsInScriptLine(line));
  return [...new Set(found)];
}

function credentialsInScriptLine(line: string): string[] {
  let tokens: ReturnType<typeof parseShell>;
  try {
    // Variables stay as written: `$DB_PASSWORD` is a reference, not an empty string.
    tokens = parseShell(line, (name) => `$${name}`);
  } catch {
    return credentialsInText(line);
  }
  const found: string[] = [];
  let command: string[] = [];
  const flush = () => {
    if (command.length) found.push(...credentialsInCommand(command));
    command = [];
  };
  for (const token of tokens) {
    if (typeof token === 'string') command.push(token);
    else if ('op' in token && token.op !== 'glob') flush();
    else if ('comment' in token) flush();
    else if ('pattern' in token) command.push(String(token.pattern));
  }
  flush();
  return [...new Set(found)];
}
