import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ACCESS_ANNOTATIONS, ANNOTATIONS } from '../../contract';
import { platformLabels } from '../platform-labels';
import { operationsRoles, type Grant, type NamespaceClasses, type RoleDefinition } from './roles';

export { operationsRoles, READ, type Grant, type NamespaceClasses, type RoleDefinition } from './roles';

/** Annotations on bindings that the permission report and the `rbac/*` rules read (the contract's). */
export { ACCESS_ANNOTATIONS };

export interface AccessControlProps {
  readonly identityProvider: string;
  /** Identity-provider group per operations role (keys of `RoleDefinition.role`). */
  readonly groups: Readonly<Record<string, string>>;
  readonly namespaces: NamespaceClasses;
  readonly breakGlass: { readonly group: string; readonly expires: string; readonly reason: string; readonly approver: string };
  /** Namespaces the RoleBindings live in, so Terraform creates them first. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/**
 * One account per person lives in the identity provider; here each operations role becomes ClusterRoles
 * bound to that role's group: cluster-wide reads through a ClusterRoleBinding, everything else through
 * RoleBindings in the namespaces the duty covers. Break-glass is the only path to cluster-admin and its
 * binding carries an expiry date the policy gate enforces.
 */
export class AccessControl extends Construct {
  readonly roles: readonly RoleDefinition[];
  readonly breakGlassBinding: ClusterRoleBindingV1;

  constructor(scope: Construct, id: string, props: AccessControlProps) {
    super(scope, id);
    this.roles = operationsRoles(props.namespaces);
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;

    for (const role of this.roles) {
      const group = props.groups[role.role];
      if (!group) throw new Error(`access.groups.${role.role}: no identity-provider group declared`);
      const annotations = { [ACCESS_ANNOTATIONS.role]: role.role, [ACCESS_ANNOTATIONS.identityProvider]: props.identityProvider };
      const subject = [{ kind: 'Group', name: group, apiGroup: RBAC_API_GROUP }];

      if (role.clusterWide.length > 0) {
        const clusterRole = this.clusterRole(`${role.name}:cluster`, role, role.clusterWide);
        new ClusterRoleBindingV1(this, `${role.role}-cluster`, {
          metadata: { name: `${role.name}:cluster`, labels: platformLabels('access-control'), annotations },
          roleRef: { apiGroup: RBAC_API_GROUP, kind: 'ClusterRole', name: clusterRole.metadata.name },
          subject,
        });
      }
      if (role.namespaced.length > 0 && role.namespaces.length > 0) {
        const clusterRole = this.clusterRole(role.name, role, role.namespaced);
        for (const namespace of role.namespaces) {
          new RoleBindingV1(this, `${role.role}-${namespace}`, {
            metadata: { name: role.name, namespace, labels: platformLabels('access-control'), annotations },
            roleRef: { apiGroup: RBAC_API_GROUP, kind: 'ClusterRole', name: clusterRole.metadata.name },
            subject,
            dependsOn,
          });
        }
      }
    }

    this.breakGlassBinding = new ClusterRoleBindingV1(this, 'break-glass', {
      metadata: {
        name: 'hospital:break-glass',
        labels: platformLabels('access-control'),
        annotations: {
          [ACCESS_ANNOTATIONS.role]: 'breakGlass',
          [ACCESS_ANNOTATIONS.identityProvider]: props.identityProvider,
          [ACCESS_ANNOTATIONS.expires]: props.breakGlass.expires,
          [ACCESS_ANNOTATIONS.reason]: props.breakGlass.reason,
          [ACCESS_ANNOTATIONS.approver]: props.breakGlass.approver,
        },
      },
      roleRef: { apiGroup: RBAC_API_GROUP, kind: 'ClusterRole', name: 'cluster-admin' },
      subject: [{ kind: 'Group', name: props.breakGlass.group, apiGroup: RBAC_API_GROUP }],
    });
  }

  private clusterRole(name: string, role: RoleDefinition, grants: readonly Grant[]): ClusterRoleV1 {
    return new ClusterRoleV1(this, name.replaceAll(':', '-'), {
      metadata: { name, labels: platformLabels('access-control'), annotations: { [ANNOTATIONS.description]: role.description } },
      rule: grants.map((grant) => ({ apiGroups: [...grant.apiGroups], resources: [...grant.resources], verbs: [...grant.verbs] })),
    });
  }
}
