/**
 * Network reachability analysis: connectivity of a synthesized `cdk.tf.json` or a folder of Kubernetes
 * YAML under NetworkPolicy v1 and the AdminNetworkPolicy API (ANP, BANP). Usable on its own (`npm run netpol`) and by the
 * `network/*` rules and the report's network section.
 */
export { CidrError, parseCidr } from './addresses';
export { describeSelector, isEmptySelector, selectorMatches } from './selectors';
export { analyzeCluster, describeAdminPeer, describePeer, externalAddresses, externalEndpoints, rulePorts } from './analysis';
export type { AllowingRule, AnalysisOptions, Connection, ConnectionExplanation, ExternalEndpoint, NetworkAnalysis, SideExplanation } from './analysis';
export type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminRule,
  Cluster,
  LabelSelector,
  NamespaceInfo,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Workload,
} from './cluster';
export { buildCluster, CLUSTER_CIDR_ANNOTATIONS, NAMESPACE_NAME_LABEL } from './cluster';
export { describeSide, findViolations, formatViolation, parseDenyRule, resolveDenyRule } from './deny';
export type { DenyRule, DenyViolation } from './deny';
export { NetworkInputError } from './errors';
export { loadNetworkModel, mergeClusters } from './input';
export { clusterFromManifests, readManifests } from './kubernetes-yaml';
export { PortSet, PROTOCOLS } from './ports';
export type { PortRange, Protocol } from './ports';
export { matrixMarkdown, renderDotToSvg, toDot, toJson, toMarkdown, toSvg } from './render';
export { prepareGraphviz } from './graphviz';
export type { NetworkJson } from './render';
export { EXTERNAL_SEGMENT, segmentMatrix, segmentOf } from './segments';
export { clusterFromResources, IMPLIED_KIND, NETWORK_MODEL_TYPES, NETWORK_POLICY_TYPES } from './terraform';
export { networkAnalysisOf, networkEnvironments } from './estate';
export { networkReportContributor } from './report-section';
export { AddressSet } from './addresses';
export { isExternal } from './segments';
