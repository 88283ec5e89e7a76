/** RBAC analysis: the permission matrix, its quarterly diff, and the facts the `rbac/*` rules read. */
export { describeBinding, dutiesOfRule, subjectDuties, type Duty, type SubjectDuties } from './duties';
export { diffMatrices, isEmptyDiff, type MatrixDiff, type PermissionChange, type SubjectChange } from './diff';
export {
  ALL_NAMESPACES,
  can,
  EXPIRES_ANNOTATION,
  MATRIX_FORMAT,
  namespacesOf,
  permissionMatrix,
  ROLE_ANNOTATION,
  roleOfBinding,
  type BindingRow,
  type PermissionMatrix,
  type PermissionRow,
} from './matrix';
export { bindingObject, rbacObjects, roleObject, rulesOf, subjectKey, type BindingObject, type RbacRule, type RoleObject, type Subject } from './objects';
export { diffMarkdown, MatrixFileError, matrixJson, matrixMarkdown, parseMatrix, permissionReports, type ReportFile } from './report';
