/**
 * Plain Kubernetes YAML and `kubernetes_manifest` go through one adapter into the provider's resource
 * model (issue 16, items 7, 8 and 11): the same values as the same objects written in HCL, every field
 * where the provider schema has it, and malformed input refused with the file, key path and line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../policies/engine';
import { InputError, loadInputs, resourcesFromPlan, resourcesFromTerraformJson } from '../../policies/inputs';
import { isUnknown, type Resource } from '../../policies/model';
import { isBlock, resourceSchema, type BlockSchema } from '../../policies/inputs/provider-schema/schema';
import { allRules } from '../../policies/rules';
import { get } from '../../policies/values';
import { tempDir } from '../support/temp-dir';

const fixtures = path.join(__dirname, 'fixtures');
const byAddress = (resources: readonly Resource[]) => new Map(resources.map((resource) => [resource.address, resource]));

function scratch(files: Record<string, string>): string {
  const folder = tempDir('kubernetes-input-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

/** Key paths of `values` the provider schema does not have (fields kept only because nothing may vanish). */
function pathsOutsideSchema(values: Record<string, unknown>, schema: BlockSchema, prefix = ''): string[] {
  const outside: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const node = schema[key];
    const at = prefix ? `${prefix}.${key}` : key;
    if (node === undefined) outside.push(at);
    else if (isBlock(node)) {
      expect({ at, isList: Array.isArray(value) }).toEqual({ at, isList: true });
      (value as Record<string, unknown>[]).forEach((item, index) => outside.push(...pathsOutsideSchema(item, node, `${at}[${index}]`)));
    } else if (node === 'map') {
      expect({ at, isMap: typeof value === 'object' && !Array.isArray(value) }).toEqual({ at, isMap: true });
    }
  }
  return outside;
}

const RICH_MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: shop-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: web, namespace: shop }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, labels: { app: web, version: 2 }, annotations: { note: "\${NOT_AN_INTERPOLATION}" } }
spec:
  replicas: 2
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }
  selector: { matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [front] }] }
  template:
    metadata: { labels: { app: web } }
    spec:
      hostNetwork: true
      hostPID: true
      hostIPC: false
      serviceAccountName: web
      automountServiceAccountToken: true
      imagePullSecrets: [{ name: pull }]
      nodeSelector: { disk: ssd }
      priorityClassName: high
      securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000, supplementalGroups: [3000], seccompProfile: { type: RuntimeDefault }, sysctls: [{ name: net.core.somaxconn, value: "1024" }] }
      tolerations: [{ key: dedicated, operator: Equal, value: web, effect: NoSchedule, tolerationSeconds: 30 }]
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{ matchExpressions: [{ key: zone, operator: In, values: [a, b] }] }]
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }]
      dnsConfig: { nameservers: [10.0.0.10], searches: [svc.cluster.local], options: [{ name: ndots, value: "2" }] }
      hostAliases: [{ ip: 10.0.0.1, hostnames: [db] }]
      initContainers:
        - name: migrate
          image: registry.example/migrate:1@sha256:0f3c4b9d2e1a8f7c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a
          command: [/migrate]
          securityContext: { privileged: true }
      containers:
        - name: app
          image: registry.example/web:1.0
          args: [--port, "8080"]
          ports: [{ name: http, containerPort: 8080, hostPort: 80, protocol: TCP }]
          env:
            - { name: MODE, value: production }
            - { name: PASSWORD, valueFrom: { secretKeyRef: { name: creds, key: password } } }
            - { name: NODE, valueFrom: { fieldRef: { fieldPath: spec.nodeName } } }
          envFrom: [{ secretRef: { name: creds } }, { configMapRef: { name: settings }, prefix: CFG_ }]
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 1, memory: 256Mi } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }
            seLinuxOptions: { level: "s0:c123,c456" }
          livenessProbe: { httpGet: { path: /healthz, port: 8080, httpHeaders: [{ name: X-Probe, value: "1" }] }, periodSeconds: 10 }
          readinessProbe: { tcpSocket: { port: http }, initialDelaySeconds: 5 }
          startupProbe: { exec: { command: [cat, /ready] }, failureThreshold: 30 }
          lifecycle: { preStop: { exec: { command: [sleep, "5"] } } }
          volumeMounts: [{ name: config, mountPath: /etc/web, readOnly: true }, { name: docker, mountPath: /var/run/docker.sock }]
      volumes:
        - { name: docker, hostPath: { path: /var/run/docker.sock, type: Socket } }
        - { name: config, configMap: { name: settings, defaultMode: 420, items: [{ key: a, path: a.conf, mode: 256 }] } }
        - { name: creds, secret: { secretName: creds, optional: true } }
        - { name: scratch, emptyDir: { sizeLimit: 1Gi } }
        - { name: cache, emptyDir: {} }
        - { name: data, persistentVolumeClaim: { claimName: data } }
        - { name: shared, nfs: { server: nfs.example, path: /exports } }
        - { name: ceph, cephfs: { monitors: [10.0.0.2], path: / } }
        - { name: csi, csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: vault } } }
        - name: token
          projected:
            sources: [{ serviceAccountToken: { path: token, expirationSeconds: 600, audience: vault } }]
        - name: info
          downwardAPI: { items: [{ path: labels, fieldRef: { fieldPath: metadata.labels } }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: shop }
spec:
  updateStrategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1 } }
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: agent, image: agent:1 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
  serviceName: db
  updateStrategy: { type: RollingUpdate }
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: postgres:16 }] }
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], storageClassName: fast, resources: { requests: { storage: 10Gi } } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: backup, namespace: shop }
spec:
  schedule: "0 2 * * *"
  timeZone: Asia/Shanghai
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec: { restartPolicy: OnFailure, containers: [{ name: backup, image: backup:1 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  type: LoadBalancer
  selector: { app: web }
  externalIPs: [203.0.113.10]
  loadBalancerSourceRanges: [10.0.0.0/8]
  ports: [{ name: http, port: 80, targetPort: 8080, protocol: TCP }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop, annotations: { cert-manager.io/cluster-issuer: ca } }
spec:
  ingressClassName: traefik
  tls: [{ hosts: [web.example], secretName: web-tls }]
  rules:
    - host: web.example
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }, { namespaceSelector: { matchLabels: { zone: dmz } }, podSelector: {} }]
      ports: [{ protocol: TCP, port: 8080, endPort: 8090 }]
  egress:
    - to: [{ podSelector: { matchLabels: { app: db } } }]
      ports: [{ port: 5432 }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: metrics-reader }
rules:
  - { apiGroups: [""], resources: [pods], verbs: [get, list] }
  - { nonResourceURLs: [/metrics], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: web-reader, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader }
subjects: [{ kind: ServiceAccount, name: web, namespace: shop }, { kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
automountServiceAccountToken: false
imagePullSecrets: [{ name: pull }]
secrets: [{ name: web-token }]
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: shop }
type: Opaque
data: { password: aHVudGVyMg== }
stringData: { user: admin }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { retries: "3", enabled: "true" }
binaryData: { blob: AAEC }
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: fast }
provisioner: ebs.csi.aws.com
parameters: { encrypted: "true", type: gp3 }
reclaimPolicy: Retain
allowVolumeExpansion: true
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: local-data }
spec:
  capacity: { storage: 5Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  hostPath: { path: /mnt/data }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec: { accessModes: [ReadWriteOnce], storageClassName: fast, resources: { requests: { storage: 5Gi } } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 6
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }]
---
apiVersion: v1
kind: LimitRange
metadata: { name: limits, namespace: shop }
spec:
  limits: [{ type: Container, default: { cpu: 500m }, defaultRequest: { cpu: 100m }, max: { cpu: 2 } }]
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: quota, namespace: shop }
spec: { hard: { pods: 10, requests.cpu: 4 } }
`;

describe('Kubernetes YAML input', () => {
  it('reads the same objects written as YAML into the same values as written in HCL', async () => {
    const yaml = await loadInputs([path.join(fixtures, 'yaml')]);
    const hcl = byAddress((await loadInputs([path.join(fixtures, 'hcl')])).resources);
    const fromYaml = byAddress(yaml.resources);
    const pairs: [string, string][] = [
      ['kubernetes_namespace_v1.his', 'kubernetes_namespace_v1.his'],
      ['kubernetes_network_policy_v1.his_default_deny', 'kubernetes_network_policy_v1.his/default-deny'],
      ['kubernetes_deployment_v1.registration', 'kubernetes_deployment_v1.his/registration'],
      ['kubernetes_horizontal_pod_autoscaler_v2.registration', 'kubernetes_horizontal_pod_autoscaler_v2.his/registration'],
      ['kubernetes_pod_disruption_budget_v1.registration', 'kubernetes_pod_disruption_budget_v1.his/registration'],
    ];
    for (const [hclAddress, yamlAddress] of pairs) {
      expect({ yamlAddress, values: fromYaml.get(yamlAddress)?.values }).toEqual({ yamlAddress, values: hcl.get(hclAddress)?.values });
    }
    // One cluster per folder: every object in the folder's environment, a stray values file named and skipped.
    expect(new Set(yaml.resources.map((resource) => resource.environment))).toEqual(new Set(['yaml']));
    expect(yaml.inputs).toEqual([expect.objectContaining({ kind: 'kubernetes', environment: 'yaml', resources: 5 })]);
    expect(yaml.warnings).toEqual([expect.stringMatching(/fixtures\/yaml\/values\.yaml: skipped, no Kubernetes objects/)]);
    // Manifests carry no Terraform state: no synthetic backend, so state rules have nothing to judge.
    expect(yaml.resources.some((resource) => resource.type === 'terraform_backend')).toBe(false);
  });

  it('puts every field of a rich set of manifests where the provider schema has it', async () => {
    const folder = scratch({ 'shop.yaml': RICH_MANIFESTS });
    const { resources } = await loadInputs([folder]);
    const resource = (address: string) => {
      const found = resources.find((candidate) => candidate.address === address);
      if (!found) throw new Error(`no ${address} in ${resources.map((candidate) => candidate.address).join(', ')}`);
      return found;
    };
    for (const { address, type, values } of resources) {
      const schema = resourceSchema(type)!;
      // Only fields the provider itself does not model may fall outside its schema.
      expect({ address, outside: pathsOutsideSchema(values, schema) }).toEqual({ address, outside: [] });
    }
    const pod = 'spec[0].template[0].spec[0]';
    const web = resource('kubernetes_deployment_v1.shop/web').values;
    expect(get(web, `${pod}.host_network`)).toBe(true);
    expect(get(web, `${pod}.host_pid`)).toBe(true);
    expect(get(web, `${pod}.security_context[0].run_as_user`)).toBe('1000');
    expect(get(web, `${pod}.container[0].resources[0].limits`)).toEqual({ cpu: '1', memory: '256Mi' });
    expect(get(web, `${pod}.container[0].env_from[0].secret_ref[0].name`)).toBe('creds');
    expect(get(web, `${pod}.container[0].env[1].value_from[0].secret_key_ref[0].key`)).toBe('password');
    expect(get(web, `${pod}.container[0].port[0].host_port`)).toBe(80);
    expect(get(web, `${pod}.container[0].liveness_probe[0].http_get[0].port`)).toBe('8080');
    expect(get(web, `${pod}.container[0].liveness_probe[0].http_get[0].http_header[0].name`)).toBe('X-Probe');
    expect(get(web, `${pod}.container[0].security_context[0].capabilities[0].drop`)).toEqual(['ALL']);
    expect(get(web, `${pod}.init_container[0].security_context[0].privileged`)).toBe(true);
    expect(get(web, `${pod}.volume[0].host_path[0].path`)).toBe('/var/run/docker.sock');
    expect(get(web, `${pod}.volume[1].config_map[0].default_mode`)).toBe('0644');
    expect(get(web, `${pod}.volume[1].config_map[0].items[0].mode`)).toBe('0400');
    expect(get(web, `${pod}.volume[4].empty_dir`)).toEqual([{}]);
    expect(get(web, `${pod}.volume[7].ceph_fs[0].path`)).toBe('/');
    expect(get(web, `${pod}.volume[8].csi[0].volume_attributes`)).toEqual({ secretProviderClass: 'vault' });
    expect(get(web, `${pod}.toleration[0].toleration_seconds`)).toBe('30');
    expect(get(web, 'metadata[0].labels')).toEqual({ app: 'web', version: '2' });
    // YAML has no interpolation: `${…}` is text, never "known after apply".
    expect(get(web, 'metadata[0].annotations')).toEqual({ note: '${NOT_AN_INTERPOLATION}' });
    expect(get(resource('kubernetes_daemon_set_v1.shop/agent').values, 'spec[0].strategy[0].rolling_update[0].max_unavailable')).toBe('1');
    expect(get(resource('kubernetes_stateful_set_v1.shop/db').values, 'spec[0].volume_claim_template[0].spec[0].resources[0].requests')).toEqual({
      storage: '10Gi',
    });
    expect(get(resource('kubernetes_cron_job_v1.shop/backup').values, 'spec[0].timezone')).toBe('Asia/Shanghai');
    expect(get(resource('kubernetes_service_v1.shop/web').values, 'spec[0].port[0].target_port')).toBe('8080');
    expect(get(resource('kubernetes_service_v1.shop/web').values, 'spec[0].selector')).toEqual({ app: 'web' });
    expect(get(resource('kubernetes_ingress_v1.shop/web').values, 'spec[0].rule[0].http[0].path[0].backend[0].service[0].port[0].number')).toBe(80);
    expect(get(resource('kubernetes_network_policy_v1.shop/web').values, 'spec[0].ingress[0].from[0].ip_block[0].except')).toEqual(['10.0.0.0/8']);
    expect(get(resource('kubernetes_network_policy_v1.shop/web').values, 'spec[0].ingress[0].ports[0].port')).toBe('8080');
    expect(get(resource('kubernetes_cluster_role_v1.metrics-reader').values, 'rule[1].non_resource_urls')).toEqual(['/metrics']);
    expect(get(resource('kubernetes_role_binding_v1.shop/web-reader').values, 'subject[1].api_group')).toBe('rbac.authorization.k8s.io');
    expect(get(resource('kubernetes_service_account_v1.shop/web').values, 'automount_service_account_token')).toBe(false);
    expect(get(resource('kubernetes_service_account_v1.shop/web').values, 'image_pull_secret[0].name')).toBe('pull');
    // Kubernetes' `data` is base64 (the provider's `binary_data`); `stringData` is plain text (its `data`).
    expect(resource('kubernetes_secret_v1.shop/creds').values).toMatchObject({ binary_data: { password: 'aHVudGVyMg==' }, data: { user: 'admin' } });
    expect(resource('kubernetes_config_map_v1.shop/settings').values).toMatchObject({ data: { retries: '3' }, binary_data: { blob: 'AAEC' } });
    expect(resource('kubernetes_storage_class_v1.fast').values).toMatchObject({
      storage_provisioner: 'ebs.csi.aws.com',
      parameters: { encrypted: 'true', type: 'gp3' },
      allow_volume_expansion: true,
    });
    expect(get(resource('kubernetes_persistent_volume_v1.local-data').values, 'spec[0].persistent_volume_source[0].host_path[0].path')).toBe('/mnt/data');
    expect(get(resource('kubernetes_horizontal_pod_autoscaler_v2.shop/web').values, 'spec[0].metric[0].resource[0].target[0].average_utilization')).toBe(70);
    expect(get(resource('kubernetes_limit_range_v1.shop/limits').values, 'spec[0].limit[0].default')).toEqual({ cpu: '500m' });
    expect(get(resource('kubernetes_resource_quota_v1.shop/quota').values, 'spec[0].hard')).toEqual({ pods: '10', 'requests.cpu': '4' });
  });

  it('judges manifests with the same workload, RBAC, network and secrets rules', async () => {
    const folder = scratch({ 'shop.yaml': RICH_MANIFESTS });
    const { resources } = await loadInputs([folder]);
    const failed = new Set(
      evaluate(resources, allRules)
        .findings.filter((finding) => finding.status === 'fail')
        .map((finding) => `${finding.ruleId} ${finding.resource}`),
    );
    for (const expected of [
      'workload/no-host-namespaces kubernetes_deployment_v1.shop/web',
      'workload/no-host-path kubernetes_deployment_v1.shop/web',
      'workload/no-host-port kubernetes_deployment_v1.shop/web',
      'workload/no-privileged kubernetes_deployment_v1.shop/web',
      'workload/image-pinned-digest kubernetes_deployment_v1.shop/web',
      'workload/no-automount-token kubernetes_deployment_v1.shop/web',
      'secrets/no-literal-secret-data kubernetes_secret_v1.shop/creds',
      'network/default-deny kubernetes_namespace_v1.shop',
      'rbac/no-cluster-admin kubernetes_cluster_role_binding_v1.shop-admin',
    ]) {
      expect(failed).toContain(expected);
    }
  });

  it('reads List kinds, kubectl JSON and leaves out objects whose controller is in the input', async () => {
    const folder = scratch({
      'list.yaml': [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a, namespace: x } }',
        '  - apiVersion: apps/v1',
        '    kind: Deployment',
        '    metadata: { name: web, namespace: x }',
        '    spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: web }] } } }',
        '  - apiVersion: apps/v1',
        '    kind: ReplicaSet',
        '    metadata: { name: web-5d9, namespace: x, ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, controller: true }] }',
        '---',
        'apiVersion: v1',
        'kind: PodList',
        'items:',
        '  - metadata: { name: web-5d9-abc, namespace: x, ownerReferences: [{ kind: ReplicaSet, name: web-5d9, controller: true }] }',
        '    spec: { containers: [{ name: web, image: web }] }',
        '  - metadata: { name: standalone, namespace: x }',
        '    spec: { containers: [{ name: debug, image: busybox }] }',
      ].join('\n'),
      'pods.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'from-json', namespace: 'x' },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      }),
    });
    const listed = await loadInputs([path.join(folder, 'list.yaml'), path.join(folder, 'pods.json')]);
    expect(listed.resources.map((resource) => resource.address).sort()).toEqual([
      'kubernetes_config_map_v1.x/a',
      'kubernetes_deployment_v1.x/web',
      'kubernetes_pod_v1.x/from-json',
      'kubernetes_pod_v1.x/standalone',
    ]);
  });

  it('keeps kinds the provider has no resource type for as kubernetes_manifest', async () => {
    const folder = scratch({
      'cert.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web, namespace: shop }\nspec: { secretName: web-tls }\n',
    });
    const [certificate] = (await loadInputs([folder])).resources;
    expect(certificate).toMatchObject({ type: 'kubernetes_manifest', address: 'kubernetes_manifest.Certificate/shop/web' });
    expect(get(certificate!.values, 'manifest.spec.secretName')).toBe('web-tls');
  });

  it('refuses malformed manifests naming the file, the key path and the line', async () => {
    const folder = scratch({
      'syntax.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n',
      'helm/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n',
      'shape.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: i }]\n  volumes: invalid\n',
      'mixed.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\nreplicas: 2\n',
      'unnamed.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {}\n',
      'values.yaml': 'replicaCount: 2\n',
    });
    const cases: [string, RegExp][] = [
      ['syntax.yaml', /syntax\.yaml: line 5: invalid YAML/],
      ['helm/templates/deployment.yaml', /deployment\.yaml: a Helm chart template/],
      ['shape.yaml', /shape\.yaml: document \(line 1\): spec\.volumes \(line 6\): expected an object or a list of objects, got "invalid"/],
      ['mixed.yaml', /mixed\.yaml: document 2 \(line 5\): expected a Kubernetes object with apiVersion and kind/],
      ['unnamed.yaml', /unnamed\.yaml: document \(line 1\): metadata\.name \(line 3\): required/],
      ['values.yaml', /values\.yaml: not a Kubernetes manifest: no Kubernetes objects/],
    ];
    for (const [file, message] of cases) {
      const attempt = loadInputs([path.join(folder, file)]);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(loadInputs([path.join(folder, file)])).rejects.toThrow(message);
    }
  });
});

describe('kubernetes_manifest', () => {
  const snifferManifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'sniffer', namespace: 'his' },
    spec: {
      selector: { matchLabels: { app: 'sniffer' } },
      template: {
        metadata: { labels: { app: 'sniffer' } },
        spec: { hostNetwork: true, containers: [{ name: 'sniffer', image: 'registry.example/sniffer:1.0', securityContext: { privileged: true } }] },
      },
    },
  };

  const failures = (resources: Resource[]) =>
    evaluate(resources, allRules)
      .findings.filter((finding) => finding.status === 'fail' && finding.ruleId.startsWith('workload/'))
      .map((finding) => `${finding.ruleId} ${finding.resource}`);

  it('judges a privileged hostNetwork Deployment written as kubernetes_manifest (tf.json, HCL and plan)', async () => {
    const tfJson = resourcesFromTerraformJson(
      { resource: { kubernetes_manifest: { sniffer: { manifest: snifferManifest } } } },
      { file: 'm.tf.json', environment: 'prod' },
    );
    const folder = scratch({
      'main.tf': [
        'resource "kubernetes_manifest" "sniffer" {',
        '  manifest = {',
        '    apiVersion = "apps/v1"',
        '    kind       = "Deployment"',
        '    metadata   = { name = "sniffer", namespace = "his" }',
        '    spec = {',
        '      selector = { matchLabels = { app = "sniffer" } }',
        '      template = {',
        '        metadata = { labels = { app = "sniffer" } }',
        '        spec = {',
        '          hostNetwork = true',
        '          containers  = [{ name = "sniffer", image = "registry.example/sniffer:1.0", securityContext = { privileged = true } }]',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    });
    const hcl = (await loadInputs([folder])).resources;
    const plan = resourcesFromPlan(
      {
        resource_changes: [
          {
            address: 'kubernetes_manifest.sniffer',
            type: 'kubernetes_manifest',
            name: 'sniffer',
            change: { actions: ['create'], before: null, after: { manifest: snifferManifest }, after_unknown: { object: true } },
          },
        ],
      },
      { file: 'plan.json', environment: 'prod' },
    );
    for (const resources of [tfJson, hcl, plan]) {
      const sniffer = resources.find((resource) => resource.address === 'kubernetes_manifest.sniffer')!;
      expect(sniffer.type).toBe('kubernetes_deployment_v1');
      expect(failures(resources)).toEqual(
        expect.arrayContaining(['workload/no-privileged kubernetes_manifest.sniffer', 'workload/no-host-namespaces kubernetes_manifest.sniffer']),
      );
    }
  });

  it('keeps a manifest whose kind is unknown or has no provider type as it is', () => {
    const resources = resourcesFromTerraformJson(
      {
        variable: { kind: { type: 'string' } },
        resource: {
          kubernetes_manifest: {
            generated: { manifest: { ...snifferManifest, kind: '${var.kind}' } },
            certificate: { manifest: { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web' } } },
          },
        },
      },
      { file: 'm.tf.json', environment: 'prod' },
    );
    for (const address of ['kubernetes_manifest.generated', 'kubernetes_manifest.certificate'])
      expect(byAddress(resources).get(address)?.type).toBe('kubernetes_manifest');
    expect(isUnknown(get(byAddress(resources).get('kubernetes_manifest.generated')!.values, 'manifest.kind'))).toBe(true);
  });
});

describe('malformed HCL for the kubernetes provider', () => {
  it('refuses `volume = "invalid"` beside a volume block (the converter keeps only the string)', async () => {
    const folder = scratch({
      'main.tf': [
        'resource "kubernetes_deployment_v1" "web" {',
        '  metadata {',
        '    name      = "web"',
        '    namespace = "his"',
        '  }',
        '  spec {',
        '    selector {',
        '      match_labels = { app = "web" }',
        '    }',
        '    template {',
        '      metadata {',
        '        labels = { app = "web" }',
        '      }',
        '      spec {',
        '        container {',
        '          name  = "app"',
        '          image = "nginx"',
        '        }',
        '        volume = "invalid"',
        '        volume {',
        '          name = "host"',
        '          host_path {',
        '            path = "/etc"',
        '          }',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    });
    await expect(loadInputs([folder])).rejects.toThrow(InputError);
    await expect(loadInputs([folder])).rejects.toThrow(
      /main\.tf: resource\.kubernetes_deployment_v1\.web\.spec\[0\]\.template\[0\]\.spec\[0\]\.volume: expected a `volume` block, got the value "invalid"/,
    );
  });

  it('still reads a block given by an interpolation as known only after apply', () => {
    const [deployment] = resourcesFromTerraformJson(
      { resource: { kubernetes_deployment_v1: { web: { metadata: { name: 'web' }, spec: { template: { spec: { volume: '${var.volumes}' } } } } } } },
      { file: 'w.tf.json', environment: 'prod' },
    );
    expect(isUnknown(get(deployment!.values, 'spec[0].template[0].spec[0].volume'))).toBe(true);
  });
});
