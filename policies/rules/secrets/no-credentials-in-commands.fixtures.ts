import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';

const withCommand = (command: string[], args: string[] = [], extra: Record<string, unknown> = {}, type = 'kubernetes_deployment_v1') =>
  workload(type, 'tool', { containers: [hardenedContainer('tool', { command, ...(args.length ? { args } : {}), ...extra })] });

export const noCredentialsInCommandsFixtures: RuleFixtures = {
  ruleId: 'secrets/no-credentials-in-commands',
  pass: [
    {
      name: 'a server without credentials in its arguments',
      terraform: withCommand(['/app/server'], ['--port=8080', '--config=/etc/app/config.yaml']),
      message: 'no command, argument or exec probe carries a credential',
    },
    { name: 'a password read from a file', terraform: withCommand(['/app/server'], ['--db-password-file=/run/secrets/db/password']) },
    {
      name: 'mysqldump reading MYSQL_PWD from the environment',
      terraform: withCommand(['sh', '-c', 'mysqldump -h his-db -u backup --single-transaction his | gzip > /backup/his.sql.gz']),
    },
    {
      name: 'a password from a referenced variable',
      terraform: withCommand(['sh', '-c', 'PGPASSWORD="$PG_PASSWORD" pg_dump -h emr-db emr > /backup/emr.sql'], [], {}, 'kubernetes_cron_job_v1'),
    },
    { name: 'Kubernetes variable expansion', terraform: withCommand(['/app/server'], ['--password=$(DB_PASSWORD)']) },
  ],
  fail: [
    {
      name: 'a password in container args',
      terraform: withCommand(['/app/server'], ['--db-password=S3cr3t!']),
      message: 'container[0].command/args: --db-password=… passes a literal credential',
    },
    {
      name: 'a password in the args of the image’s entrypoint (no command)',
      terraform: workload('kubernetes_deployment_v1', 'tool', { containers: [hardenedContainer('tool', { args: ['--db-password=Or4cle!'] })] }),
      message: '--db-password=… passes a literal credential',
    },
    {
      name: 'a token as the flag’s next argument',
      terraform: withCommand(['/app/agent'], ['--api-token', 'f3a9c0d2e8b74c1a']),
      message: '--api-token … passes a literal credential',
    },
    {
      name: 'mysqldump -pSECRET in a shell command',
      terraform: withCommand(['sh', '-c', 'mysqldump -uroot -pS3cret his > /backup/his.sql'], [], {}, 'kubernetes_cron_job_v1'),
      message: 'mysqldump -p… passes the password on the command line',
    },
    {
      name: 'mysql -p in the args of an init container',
      terraform: workload('kubernetes_deployment_v1', 'tool', {
        initContainers: [
          hardenedContainer('migrate', {
            command: ['mysql'],
            args: ['-h', 'his-db', '-pS3cret', 'his'],
            liveness_probe: undefined,
            readiness_probe: undefined,
          }),
        ],
      }),
      message: 'init_container[0].command/args: mysql -p…',
    },
    {
      name: 'PGPASSWORD assigned inline in a shell command',
      terraform: withCommand(['/bin/bash', '-c', 'PGPASSWORD=hunter22 pg_dump -h emr-db emr'], [], {}, 'kubernetes_cron_job_v1'),
      message: 'PGPASSWORD=… assigns a literal value',
    },
    {
      name: 'export DB_PASSWORD in a script',
      terraform: withCommand(['sh', '-c', 'export DB_PASSWORD=changeme; exec /app/server']),
      message: 'DB_PASSWORD=… assigns a literal value',
    },
    {
      name: 'curl -u user:password',
      terraform: withCommand(['curl'], ['-u', 'alertmanager:Pa55word', 'https://itsm.hospital.internal/api']),
      message: 'curl -u … passes a literal credential',
    },
    {
      name: 'a database URL with a password in the args',
      terraform: withCommand(['/app/server'], ['--database', 'postgresql://emr:S3cret@emr-db:5432/emr']),
      message: 'URL postgresql://emr-db:5432 carries a password in its userinfo',
    },
    {
      name: 'sqlplus user/password',
      terraform: withCommand(['sqlplus'], ['-s', 'lis/Or4cle@LIS', '@/scripts/check.sql']),
      message: 'sqlplus user/password… passes the password on the command line',
    },
    { name: 'redis-cli -a', terraform: withCommand(['redis-cli'], ['-a', 'r3dis-pass', 'ping']), message: 'redis-cli -a … passes a literal credential' },
    {
      name: 'an exec readiness probe with the password',
      terraform: withCommand(['/app/db'], [], { readiness_probe: { exec: { command: ['mysqladmin', 'ping', '-pS3cret'] } } }),
      message: 'readiness_probe[0].exec[0].command: mysqladmin -p…',
    },
    {
      name: 'a Slack webhook URL in the args',
      terraform: withCommand(['/app/notify'], ['--webhook', 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX']),
      message: 'Slack',
    },
    {
      name: 'args known only after apply',
      terraform: withCommand(['/app/server'], [], { args: '${var.server_args}' }),
      message: 'args is known only after apply; failing closed',
    },
  ],
  skip: [{ name: 'a resource without containers', terraform: workload('kubernetes_deployment_v1', 'empty', { containers: [] }), message: 'no containers' }],
};
