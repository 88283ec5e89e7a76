/**
 * A real Kubernetes control plane on loopback for the real-cluster tests: etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler built from Go modules by test/cluster/build.sh, and kwok
 * (fake nodes), so that scheduled pods become Ready. Everything lives in one temporary folder that is
 * removed with the processes on stop, on failure, on exit and on Ctrl-C.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** What build.sh wrote to test/cluster/.toolset.json: absolute paths of the cached binaries. */
export interface Toolset {
  readonly cacheRoot: string;
  readonly kubernetesVersion: string;
  readonly etcdVersion: string;
  readonly kwokVersion: string;
  readonly binaries: Readonly<Record<'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kwok', string>>;
}

export const TOOLSET_FILE = path.join(__dirname, '.toolset.json');

/** The toolset, or the reason it cannot be used (not built yet, or a binary missing from the cache). */
export function readToolset(): { toolset: Toolset } | { missing: string } {
  if (!fs.existsSync(TOOLSET_FILE)) return { missing: `${TOOLSET_FILE} not found: run test/cluster/build.sh` };
  const toolset = JSON.parse(fs.readFileSync(TOOLSET_FILE, 'utf8')) as Toolset;
  const absent = Object.entries(toolset.binaries).filter(([, file]) => !fs.existsSync(file));
  if (absent.length > 0) return { missing: `not built: ${absent.map(([name, file]) => `${name} (${file})`).join(', ')}` };
  return { toolset };
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** A kubeconfig with a `system:masters` client certificate; its context is `CONTEXT`. */
  readonly kubeconfigPath: string;
  readonly workDir: string;
  /** The last lines of one component's log, for failure messages. */
  logTail(component: string, lines?: number): string;
  stop(): Promise<void>;
}

export const CONTEXT = 'hospital-test';
export const FAKE_NODE_ANNOTATION = { key: 'kwok.x-k8s.io/node', value: 'fake' } as const;

/**
 * Ends the components and removes the folder once the test process is gone, however it ends (a failed
 * assertion, Ctrl-C, SIGKILL, a crashed jest): a detached shell polls the test process and, when it is
 * gone, stops every pid listed in the folder's `pids` file. It exits by itself when stop() removed the folder.
 */
function startReaper(workDir: string): void {
  const script = [
    'while kill -0 "$0" 2>/dev/null && [ -d "$1" ]; do sleep 1; done',
    '[ -d "$1" ] || exit 0',
    'pids="$(cat "$1/pids" 2>/dev/null)"',
    '[ -z "$pids" ] || kill -TERM $pids 2>/dev/null',
    'sleep 5',
    '[ -z "$pids" ] || kill -KILL $pids 2>/dev/null',
    'rm -rf "$1"',
  ].join('\n');
  spawn('sh', ['-c', script, String(process.pid), workDir], { detached: true, stdio: 'ignore' }).unref();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const openssl = (cwd: string, ...args: string[]): void => {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
};

/** A throwaway CA, the API server's serving certificate, an admin client certificate, the service-account key pair. */
function writeCertificates(dir: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=hospital-test-ca');
  const sign = (name: string, subject: string, extensions: string) => {
    fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
    openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  };
  sign('apiserver', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n');
  sign('admin', '/O=system:masters/CN=hospital-test-admin', 'extendedKeyUsage=clientAuth\n');
  openssl(dir, 'genrsa', '-out', 'service-account.key', '2048');
  openssl(dir, 'rsa', '-in', 'service-account.key', '-pubout', '-out', 'service-account.pub');
}

function kubeconfig(dir: string, server: string): string {
  const base64 = (file: string) => fs.readFileSync(path.join(dir, file)).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${CONTEXT}`,
    'clusters:',
    `- name: ${CONTEXT}`,
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${base64('ca.crt')}`,
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${base64('admin.crt')}`,
    `    client-key-data: ${base64('admin.key')}`,
    'contexts:',
    `- name: ${CONTEXT}`,
    '  context:',
    `    cluster: ${CONTEXT}`,
    '    user: admin',
    '',
  ].join('\n');
}

/** GET over TLS with the admin certificate; resolves with the status code and body, never throws on HTTP errors. */
export function getWithAdmin(dir: string, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      {
        ca: fs.readFileSync(path.join(dir, 'ca.crt')),
        cert: fs.readFileSync(path.join(dir, 'admin.crt')),
        key: fs.readFileSync(path.join(dir, 'admin.key')),
        timeout: 5000,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${url}: timed out`)));
    request.on('error', reject);
  });
}

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean>, diagnostics: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not ready within ${timeoutMs / 1000} s${lastError ? ` (last error: ${lastError})` : ''}\n${diagnostics()}`);
}

/** Starts the whole control plane and waits until the API server is ready and the fake node is managed. */
export async function startControlPlane(toolset: Toolset): Promise<ControlPlane> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospital-cluster-'));
  startReaper(workDir);
  const children = new Map<keyof Toolset['binaries'], ChildProcess>();
  const logFile = (component: string) => path.join(workDir, `${component}.log`);
  const logTail = (component: string, lines = 30) => {
    const file = logFile(component);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
  };
  const exited = new Map<string, number | null>();
  const diagnostics = () =>
    [...exited.entries()].map(([component, code]) => `${component} exited with ${code}:\n${logTail(component)}`).join('\n') ||
    '(every component still running)';

  const start = (component: keyof Toolset['binaries'], args: string[]) => {
    const log = fs.openSync(logFile(component), 'a');
    const child = spawn(toolset.binaries[component], args, { cwd: workDir, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    fs.appendFileSync(path.join(workDir, 'pids'), `${child.pid}\n`);
    children.set(component, child);
    child.once('exit', (code) => exited.set(component, code));
  };

  const terminate = (component: keyof Toolset['binaries']) =>
    new Promise<void>((resolve) => {
      const child = children.get(component);
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  // Clients first, then the API server while etcd still answers (else it waits for etcd until killed).
  const stop = async () => {
    await Promise.all((['kwok', 'kube-scheduler', 'kube-controller-manager'] as const).map(terminate));
    await terminate('kube-apiserver');
    await terminate('etcd');
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    writeCertificates(workDir);
    const [etcdClient, etcdPeer, apiPort, controllerPort, schedulerPort, kwokPort] = await Promise.all(Array.from({ length: 6 }, freePort));
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    start('etcd', [
      '--name=hospital-test',
      `--data-dir=${path.join(workDir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=hospital-test=http://127.0.0.1:${etcdPeer}`,
      '--unsafe-no-fsync', // a throwaway store: durability costs seconds per apply on a shared disk
    ]);
    await waitFor('etcd', 30_000, async () => (await fetch(`${etcdUrl}/health`)).ok, diagnostics);

    const server = `https://127.0.0.1:${apiPort}`;
    start('kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(workDir, 'apiserver-certs')}`,
      '--tls-cert-file=apiserver.crt',
      '--tls-private-key-file=apiserver.key',
      '--client-ca-file=ca.crt',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file=service-account.pub',
      '--service-account-signing-key-file=service-account.key',
      '--service-cluster-ip-range=10.0.0.0/24',
      '--authorization-mode=RBAC',
      '--profiling=false',
    ]);
    await waitFor('kube-apiserver', 120_000, async () => (await getWithAdmin(workDir, `${server}/readyz`)).status === 200, diagnostics);

    const kubeconfigPath = path.join(workDir, 'kubeconfig');
    fs.writeFileSync(kubeconfigPath, kubeconfig(workDir, server));
    const delegated = [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      '--bind-address=127.0.0.1',
      '--leader-elect=false',
    ];
    start('kube-controller-manager', [
      ...delegated,
      `--secure-port=${controllerPort}`,
      '--service-account-private-key-file=service-account.key',
      '--root-ca-file=ca.crt',
      '--use-service-account-credentials=true',
    ]);
    start('kube-scheduler', [...delegated, `--secure-port=${schedulerPort}`]);
    start('kwok', [
      `--kubeconfig=${kubeconfigPath}`,
      '--manage-all-nodes=false',
      `--manage-nodes-with-annotation-selector=${FAKE_NODE_ANNOTATION.key}=${FAKE_NODE_ANNOTATION.value}`,
      '--cidr=10.0.1.0/24',
      '--node-ip=10.0.1.1',
      `--server-address=127.0.0.1:${kwokPort}`,
    ]);
    return { server, kubeconfigPath, workDir, logTail, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
