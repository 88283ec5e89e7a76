import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const account = (type: string, name: string, body: Record<string, unknown>) => resource(type, name, { metadata: { name, namespace: 'his' }, ...body });
const managedDefault = (body: Record<string, unknown>) => resource('kubernetes_default_service_account_v1', 'his', { metadata: { namespace: 'his' }, ...body });

export const defaultServiceAccountTokenFixtures: RuleFixtures = {
  ruleId: 'workload/default-service-account-token',
  pass: [
    {
      name: 'managed default account without token',
      terraform: managedDefault({ automount_service_account_token: false }),
      message: 'does not mount its token',
    },
    {
      name: 'default account declared as a ServiceAccount without token',
      terraform: account('kubernetes_service_account_v1', 'default', { automount_service_account_token: false }),
    },
  ],
  fail: [
    { name: 'managed default account with the provider default (mounts)', terraform: managedDefault({}), message: 'automount_service_account_token is unset' },
    {
      name: 'default account mounting its token',
      terraform: account('kubernetes_service_account', 'default', { automount_service_account_token: true }),
      message: 'automount_service_account_token is true',
    },
    {
      name: 'default account in YAML without automountServiceAccountToken',
      terraform: account('kubernetes_service_account_v1', 'default', {}),
      message: 'is unset',
    },
    {
      name: 'automount known only after apply',
      terraform: managedDefault({ automount_service_account_token: '${var.automount}' }),
      message: 'known only after apply',
    },
  ],
  skip: [
    {
      name: 'an application’s own ServiceAccount',
      terraform: account('kubernetes_service_account_v1', 'portal', { automount_service_account_token: true }),
      message: "is not a namespace's default account",
    },
  ],
};
