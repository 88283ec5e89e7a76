import type { RuleFixtures } from '../fixtures';
import { resource, terraform, workload } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
/** Metadata in a namespace (`null`: none written, as Kubernetes defaults it to "default"). */
const metadata = (name: string, namespace: string | null) => (namespace === null ? { name } : { name, namespace });

const configMap = (namespace: string | null) =>
  resource('kubernetes_config_map_v1', 'settings', { metadata: metadata('settings', namespace), data: { mode: 'ward' } });
const secret = (namespace: string | null) => resource('kubernetes_secret_v1', 'db', { metadata: metadata('db', namespace), type: 'Opaque' });
const service = (name: string, namespace: string | null) =>
  resource('kubernetes_service_v1', name, { metadata: metadata(name, namespace), spec: { selector: { app: name }, port: [{ port: 443 }] } });
const serviceAccount = (name: string, namespace: string | null) =>
  resource('kubernetes_service_account_v1', name, { metadata: metadata(name, namespace), automount_service_account_token: false });
const ingress = (namespace: string | null) =>
  resource('kubernetes_ingress_v1', 'portal', {
    metadata: metadata('portal', namespace),
    spec: { rule: [{ host: 'portal.hospital.example', http: { path: [{ path: '/', backend: { service: { name: 'portal', port: { number: 443 } } } }] } }] },
  });
const roleBinding = (namespace: string | null) =>
  resource('kubernetes_role_binding_v1', 'readers', {
    metadata: metadata('readers', namespace),
    role_ref: { api_group: RBAC, kind: 'Role', name: 'reader' },
    subject: [{ kind: 'Group', name: 'oidc:clinical-liaison', api_group: RBAC }],
  });
const role = (namespace: string | null) =>
  resource('kubernetes_role_v1', 'reader', { metadata: metadata('reader', namespace), rule: [{ api_groups: [''], resources: ['pods'], verbs: ['get'] }] });
const claim = (namespace: string | null) =>
  resource('kubernetes_persistent_volume_claim_v1', 'images', {
    metadata: metadata('images', namespace),
    spec: { access_modes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
  });

export const noDefaultNamespaceFixtures: RuleFixtures = {
  ruleId: 'workload/no-default-namespace',
  pass: [
    {
      name: 'namespace referenced from a namespace resource',
      terraform: terraform(
        resource('kubernetes_namespace_v1', 'his', { metadata: { name: 'his', labels: { 'platform.hospital/segment': 'medical' } } }),
        workload('kubernetes_deployment_v1', 'registration', { namespace: '${kubernetes_namespace_v1.his.metadata[0].name}' }),
      ),
      message: 'lives in namespace "his"',
    },
    {
      name: 'an application’s ConfigMap, Secret, Service, account, Ingress, Role, binding and claim in its namespace',
      terraform: terraform(
        configMap('his'),
        secret('his'),
        service('portal', 'his'),
        serviceAccount('portal', 'his'),
        ingress('his'),
        role('his'),
        roleBinding('his'),
        claim('his'),
      ),
      resource: 'kubernetes_role_binding_v1.readers',
      message: 'lives in namespace "his"',
    },
  ],
  fail: [
    {
      name: 'namespace unset',
      terraform: workload('kubernetes_deployment_v1', 'web', { namespace: null }),
      message: 'metadata[0].namespace is unset (the object lands in "default")',
    },
    { name: 'explicit default', terraform: workload('kubernetes_job_v1', 'once', { namespace: 'default' }), message: 'metadata[0].namespace is "default"' },
    {
      name: 'empty namespace is default',
      terraform: workload('kubernetes_pod_v1', 'debug', { namespace: '' }),
      message: 'metadata[0].namespace is empty (the object lands in "default")',
    },
    {
      name: 'namespace known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'web', { namespace: '${var.namespace}' }),
      message: 'metadata[0].namespace is known only after apply',
    },
    { name: 'ConfigMap without a namespace', terraform: configMap(null), resource: 'kubernetes_config_map_v1.settings', message: 'is unset' },
    { name: 'Secret in default', terraform: secret('default'), resource: 'kubernetes_secret_v1.db', message: 'is "default"' },
    { name: 'Service in default', terraform: service('portal', 'default'), resource: 'kubernetes_service_v1.portal', message: 'is "default"' },
    {
      name: 'ServiceAccount of an application in default',
      terraform: serviceAccount('portal', null),
      resource: 'kubernetes_service_account_v1.portal',
      message: 'is unset',
    },
    { name: 'Ingress in default', terraform: ingress(null), resource: 'kubernetes_ingress_v1.portal', message: 'is unset' },
    { name: 'RoleBinding in default', terraform: roleBinding('default'), resource: 'kubernetes_role_binding_v1.readers', message: 'is "default"' },
    { name: 'Role in default', terraform: role(null), resource: 'kubernetes_role_v1.reader', message: 'is unset' },
    {
      name: 'PersistentVolumeClaim in default',
      terraform: claim('default'),
      resource: 'kubernetes_persistent_volume_claim_v1.images',
      message: 'is "default"',
    },
  ],
  skip: [
    {
      name: 'the ServiceAccount "default" of the default namespace',
      terraform: serviceAccount('default', 'default'),
      resource: 'kubernetes_service_account_v1.default',
      message: 'exists in every namespace',
    },
    {
      name: 'the API server’s Service "kubernetes"',
      terraform: service('kubernetes', null),
      resource: 'kubernetes_service_v1.kubernetes',
      message: 'the API server’s own',
    },
  ],
};
