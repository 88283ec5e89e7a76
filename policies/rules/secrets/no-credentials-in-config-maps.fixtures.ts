import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const configMap = (data: Record<string, unknown>, id = 'settings') =>
  resource('kubernetes_config_map_v1', id, { metadata: { name: id, namespace: 'his' }, data });
const manifest = (kind: string, data: Record<string, unknown>) =>
  resource('kubernetes_manifest', 'settings', { manifest: { apiVersion: 'v1', kind, metadata: { name: 'settings', namespace: 'his' }, data } });

export const noCredentialsInConfigMapsFixtures: RuleFixtures = {
  ruleId: 'secrets/no-credentials-in-config-maps',
  pass: [
    {
      name: 'settings and references only',
      terraform: configMap({
        DB_HOST: 'his-db.clinical-data',
        DB_PASSWORD_FILE: '/run/secrets/db/password',
        DATABASE_URL: 'postgresql://emr@emr-db:5432/emr?sslmode=verify-full',
        LOG_LEVEL: 'info',
      }),
      message: 'no credential in 4 entries',
    },
    {
      name: 'a backup script reading its password from the environment',
      terraform: configMap({
        'backup.sh':
          '#!/bin/sh\nset -eu\nexport PGPASSWORD="$(cat /run/secrets/db/password)"\npg_dump -h "$DB_HOST" -U backup emr | gzip > /backup/emr.sql.gz\n',
      }),
    },
    {
      name: 'a properties file with a password placeholder',
      terraform: configMap({
        'application.properties': 'spring.datasource.url=jdbc:postgresql://emr-db:5432/emr\nspring.datasource.password=${DB_PASSWORD}\n',
      }),
    },
  ],
  fail: [
    {
      name: 'a ConfigMap holding DB_PASSWORD',
      terraform: configMap({ DB_HOST: 'his-db', DB_PASSWORD: 'S3cret!' }),
      message: 'data.DB_PASSWORD holds a literal credential',
    },
    { name: 'MYSQL_PWD', terraform: configMap({ MYSQL_PWD: 'S3cret!' }), message: 'data.MYSQL_PWD holds a literal credential' },
    {
      name: 'a connection URL with user:password',
      terraform: configMap({ DATABASE_URL: 'postgresql://emr:S3cret@emr-db:5432/emr' }),
      message: 'data.DATABASE_URL: URL postgresql://emr-db:5432 carries a password in its userinfo',
    },
    {
      name: 'a JDBC URL with a password parameter',
      terraform: configMap({ JDBC_URL: 'jdbc:mysql://his-db:3306/his?user=his&password=S3cret' }),
      message: 'carries the query parameter "password"',
    },
    {
      name: 'a percent-encoded password parameter',
      terraform: configMap({ DSN: 'postgres://emr-db/emr?user=emr&%70assword=S3cret' }),
      message: 'carries the query parameter "password"',
    },
    {
      name: 'an ADO.NET connection string',
      terraform: configMap({ ConnectionStrings__Lis: 'Server=lis-db;Database=LIS;User Id=lis;Password=Or4cle!;' }),
      message: '"Password" is set to a literal value',
    },
    {
      name: 'a libpq keyword connection string',
      terraform: configMap({ PG_CONN: 'host=emr-db dbname=emr user=emr password=S3cret sslmode=require' }),
      message: '"password" is set to a literal value',
    },
    {
      name: 'a properties file with a literal password',
      terraform: configMap({ 'application.properties': 'spring.datasource.url=jdbc:postgresql://emr-db:5432/emr\nspring.datasource.password=S3cret\n' }),
      message: '"spring.datasource.password" is set to a literal value',
    },
    {
      name: 'a script with mysqldump -p',
      terraform: configMap({ 'backup.sh': '#!/bin/sh\nmysqldump -uroot -pS3cret his > /backup/his.sql\n' }),
      message: 'data.backup.sh: mysqldump -p… passes the password on the command line',
    },
    {
      name: 'a DingTalk robot webhook with its access token',
      terraform: configMap({ ALERT_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=6d8f2b1c9e7a4f3b8c2d1e0f9a8b7c6d' }),
      message: 'carries the query parameter "access_token"',
    },
    {
      name: 'a WeCom robot webhook key',
      terraform: configMap({ WECOM: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' }),
      message: 'carries the query parameter "key"',
    },
    {
      name: 'a Feishu bot webhook',
      terraform: configMap({ FEISHU: 'https://open.feishu.cn/open-apis/bot/v2/hook/2f5f3b1a-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }),
      message: 'Feishu/Lark bot webhook',
    },
    {
      name: 'an internal webhook with its token in the path',
      terraform: configMap({ PAGER: 'https://chat-bridge.hospital.internal/hooks/3f9a2c7e1b4d8f6a0c5e9b2d7f1a3c8e' }),
      message: 'carries a token in its path',
    },
    {
      name: 'a GitHub token (secretlint)',
      terraform: configMap({ NOTES: 'deploy with ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' }),
      message: 'secretlint github',
    },
    {
      name: 'a ConfigMap written as kubernetes_manifest',
      terraform: manifest('ConfigMap', { API_KEY: 'a1b2c3d4e5f6a7b8c9d0' }),
      resource: 'kubernetes_manifest.settings',
      message: 'data.API_KEY holds a literal credential',
    },
    {
      name: 'data known only after apply',
      terraform: configMap('${var.settings}' as unknown as Record<string, unknown>),
      message: 'data is known only after apply; failing closed',
    },
  ],
};
