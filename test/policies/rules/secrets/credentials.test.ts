/**
 * The credential finders the secrets rules share: URLs (WHATWG parser, percent-encoded names),
 * command lines (flags, mysql -p, inline assignments, shell scripts) and secretlint's token formats
 * run synchronously on one string.
 */
import { credentialsInCommand, credentialsInScript, credentialsInText, urlCredential } from '../../../../policies/rules/secrets/credentials';
import { knownTokenFormats } from '../../../../policies/rules/secrets/token-formats';

describe('urlCredential', () => {
  it.each([
    ['postgresql://emr:S3cret@emr-db:5432/emr', 'userinfo'],
    ['mysql://his-db/his?user=his&%70assword=S3cret', 'query parameter "password"'],
    ['https://oapi.dingtalk.com/robot/send?access_token=6d8f2b1c9e7a4f3b8c2d1e0f9a8b7c6d', 'access_token'],
    ['https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX', 'Slack webhook'],
    ['https://open.larksuite.com/open-apis/bot/v2/hook/2f5f3b1a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', 'Feishu/Lark'],
    ['https://api.telegram.org/bot123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11/sendMessage', 'Telegram'],
    ['https://chat-bridge.hospital.internal/hooks/ops-prod/9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'token in its path'],
    ['https://chat-bridge.hospital.internal/hooks/ops-prod?auth=8f14e45fceea167a5a36dedd4bea2543', 'query parameter "auth"'],
  ])('%s carries a credential (%s)', (url, fragment) => expect(urlCredential(url)).toContain(fragment));

  it.each([
    'https://pager-gateway.hospital.internal/api/v1/prod/alerts',
    'postgres://terraform@state-db:5432/tf?sslmode=verify-full',
    'https://chat-bridge.hospital.internal/hooks/ops-prod',
    'postgresql://emr:$(DB_PASSWORD)@emr-db/emr',
  ])('%s carries none', (url) => expect(urlCredential(url)).toBeUndefined());
});

describe('credentialsInCommand', () => {
  it('finds mysql -p, --password=, inline PGPASSWORD and curl -u, not references', () => {
    expect(credentialsInCommand(['mysqldump', '-uroot', '-pS3cret', 'his'])).toEqual(['mysqldump -p… passes the password on the command line']);
    expect(credentialsInCommand(['/app/server', '--db-password=S3cret'])).toEqual(['--db-password=… passes a literal credential']);
    expect(credentialsInCommand(['env', 'PGPASSWORD=S3cret', 'pg_dump', 'emr'])).toEqual(['PGPASSWORD=… assigns a literal value']);
    expect(credentialsInCommand(['curl', '-u', 'user:Pa55', 'https://x.example'])).toEqual(['curl -u … passes a literal credential']);
    expect(credentialsInCommand(['/app/server', '--password=$(DB_PASSWORD)', '--password-file=/run/secrets/p'])).toEqual([]);
    expect(credentialsInCommand(['mysql', '-p', 'his'])).toEqual([]);
  });

  it('reads shell scripts line by line, keeping variables as references', () => {
    expect(credentialsInScript('#!/bin/sh\nset -eu\nPGPASSWORD="$(cat /run/secrets/pw)" pg_dump emr\n')).toEqual([]);
    expect(credentialsInScript('#!/bin/sh\nmysqldump \\\n  -uroot -pS3cret his\n')).toEqual(['mysqldump -p… passes the password on the command line']);
    // A command after a shell keyword is still a command.
    expect(credentialsInScript('until mysqladmin ping -h his-db -u registration -pHis@db2024; do sleep 5; done')).toEqual([
      'mysqladmin -p… passes the password on the command line',
    ]);
    expect(credentialsInScript('if curl -u ops:Pa55w0rd https://x.example; then exit 0; fi')).toEqual(['curl -u … passes a literal credential']);
  });
});

describe('credentialsInText and secretlint', () => {
  it('runs secretlint’s recommended rules synchronously on a string', () => {
    expect(knownTokenFormats('token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB here').join()).toContain('secretlint github');
    expect(knownTokenFormats('an ordinary sentence without tokens')).toEqual([]);
  });

  it('finds key/value pairs of connection strings and leaves settings alone', () => {
    expect(credentialsInText('Server=lis-db;Database=LIS;User Id=lis;Password=Or4cle!;')).toEqual(['"Password" is set to a literal value']);
    expect(credentialsInText('host=emr-db dbname=emr sslmode=require')).toEqual([]);
  });
});
