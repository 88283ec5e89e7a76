import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** One recorded request/response pair, as stored under fixtures/<scenario>/. */
interface Exchange {
  readonly request: { readonly method: string; readonly path: string; readonly query: Readonly<Record<string, string>> };
  readonly response: { readonly status: number; readonly body: unknown };
}

export interface RecordedApiServer {
  readonly url: string;
  /** Requests that matched no recording (the client asked for something the recording does not hold). */
  readonly unmatched: string[];
  /** Every request served, as `METHOD path?query`, in arrival order. */
  readonly served: string[];
  close(): Promise<void>;
}

export const BEARER_TOKEN = 'recorded-test-token';

const key = (method: string, pathname: string, query: Readonly<Record<string, string>>) =>
  `${method} ${pathname}?${Object.entries(query)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')}`;

/**
 * A stand-in for the Kubernetes API server: answers each request with the recording whose method, path
 * and query parameters match exactly, and rejects requests without the kubeconfig's bearer token (401),
 * as the real server would. Unmatched requests get a NotFound Status and are remembered for assertions.
 */
export async function startRecordedApiServer(scenarioDirectory: string): Promise<RecordedApiServer> {
  const recordings = new Map<string, Exchange['response']>();
  for (const file of fs.readdirSync(scenarioDirectory).filter((entry) => entry.endsWith('.json'))) {
    const exchange = JSON.parse(fs.readFileSync(path.join(scenarioDirectory, file), 'utf8')) as Exchange;
    recordings.set(key(exchange.request.method, exchange.request.path, exchange.request.query), exchange.response);
  }
  const unmatched: string[] = [];
  const served: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://recorded');
    const requestKey = key(request.method ?? 'GET', url.pathname, Object.fromEntries(url.searchParams));
    served.push(requestKey);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Audit-Id': `recorded-${served.length}` });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${BEARER_TOKEN}`) {
      reply(401, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      return;
    }
    const recorded = recordings.get(requestKey);
    if (!recorded) {
      unmatched.push(requestKey);
      reply(404, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `no recording for ${requestKey}`,
        reason: 'NotFound',
        code: 404,
      });
      return;
    }
    reply(recorded.status, recorded.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    unmatched,
    served,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A kubeconfig for the recorded server; plain HTTP needs `insecure-skip-tls-verify` in client-node. */
export function recordedKubeconfig(serverUrl: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: recorded',
    '    cluster:',
    `      server: ${serverUrl}`,
    '      insecure-skip-tls-verify: true',
    'users:',
    '  - name: verifier',
    '    user:',
    `      token: ${BEARER_TOKEN}`,
    'contexts:',
    '  - name: recorded',
    '    context: { cluster: recorded, user: verifier }',
    'current-context: recorded',
    '',
  ].join('\n');
}
