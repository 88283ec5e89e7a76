import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectToCluster, KubeconfigError } from '../../verify/cluster';
import { recordedKubeconfig, startRecordedApiServer } from './recorded-api-server';
import { tempDir } from '../support/temp-dir';

function writeKubeconfig(text: string): string {
  const file = path.join(tempDir('verify-kubeconfig-'), 'config');
  fs.writeFileSync(file, text);
  return file;
}

describe('connectToCluster', () => {
  it('reads every page of a list through the kubeconfig credentials', async () => {
    const server = await startRecordedApiServer(path.join(__dirname, 'fixtures/healthy'));
    try {
      const cluster = connectToCluster({ kubeconfig: { path: writeKubeconfig(recordedKubeconfig(server.url)), context: 'recorded' } });
      const pods = await cluster.listPods({ labelSelector: 'app.kubernetes.io/name=falco' });
      expect(pods.map((pod) => pod.metadata?.name)).toEqual(['falco-8m2zt', 'falco-q8w4n', 'falco-x7k2p']);
      expect(cluster.server).toBe(server.url);
    } finally {
      await server.close();
    }
  });

  it('turns a rejected token into an error naming the request and HTTP 401', async () => {
    const server = await startRecordedApiServer(path.join(__dirname, 'fixtures/healthy'));
    try {
      const kubeconfig = writeKubeconfig(recordedKubeconfig(server.url).replace(/token: .*/, 'token: expired-token'));
      const cluster = connectToCluster({ kubeconfig: { path: kubeconfig, context: 'recorded' } });
      await expect(cluster.listNamespaces({ labelSelector: 'platform.hospital/segment' })).rejects.toThrow(
        'list Namespaces (labels platform.hospital/segment): HTTP 401 Unauthorized',
      );
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable API server without crashing', async () => {
    // Port 9 (discard) on localhost refuses connections on machines without the service.
    const cluster = connectToCluster({ kubeconfig: { path: writeKubeconfig(recordedKubeconfig('http://127.0.0.1:9')), context: 'recorded' } });
    await expect(cluster.readDeployment('his', 'registration')).rejects.toThrow(/^get Deployment his\/registration: .*ECONNREFUSED/);
  });

  it('rejects a kubeconfig that is not YAML, or whose context names a missing user, as bad input', () => {
    expect(() => connectToCluster({ kubeconfig: { path: writeKubeconfig('clusters: [unclosed'), context: 'recorded' } })).toThrow(KubeconfigError);
    const noUser = writeKubeconfig(recordedKubeconfig('http://127.0.0.1:9').replace('user: verifier }', 'user: someone-else }'));
    expect(() => connectToCluster({ kubeconfig: { path: noUser, context: 'recorded' } })).toThrow('context "recorded" refers to unknown user "someone-else"');
  });

  it('builds an exec-credential connection from the API server URL and CA file', () => {
    const caFile = writeKubeconfig('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
    const cluster = connectToCluster({
      host: 'https://api.prod.hospital.internal:6443',
      caCertificateFile: caFile,
      exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: ['get-token'], env: {} },
    });
    expect(cluster.server).toBe('https://api.prod.hospital.internal:6443');
    expect(() =>
      connectToCluster({
        host: 'https://api.prod.hospital.internal:6443',
        caCertificateFile: '/nonexistent/ca.pem',
        exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: [], env: {} },
      }),
    ).toThrow('/nonexistent/ca.pem: CA certificate file not found (cluster.caCertificateFile)');
  });
});
