/**
 * Which names carry a secret value (the secrets rules fail on a literal there) and which only point to
 * one (a Secret's name, the key inside it, a file or a lifetime): the Helm charts' and env conventions.
 */
import { isReferenceValue, isSecretName } from '../../../../policies/rules/secrets/patterns';

describe('isSecretName', () => {
  it.each([
    ['DB_PASSWORD', 'an env variable'],
    ['auth.password', 'the last segment of a dotted Helm name'],
    ['adminPassword', 'camelCase'],
    ['apiKey', 'an API key'],
    ['PRIVATE_KEY', 'a private key'],
    ['oauth.clientSecret', 'a client secret'],
    ['GITHUB_TOKEN', 'a token'],
    ['MYSQL_PWD', 'pwd after an underscore'],
    ['PGPASSWORD', 'one word ending in password'],
    ['KEYSTORE_PASS', 'pass as a word'],
    ['AWS_SECRET_ACCESS_KEY', 'an access key'],
    ['routing_key', 'a PagerDuty routing key'],
    ['api_secret', 'an API secret'],
    ['bot_token', 'a bot token'],
    ['DB_CREDENTIALS', 'credentials'],
    ['refreshTokens', 'a plural'],
  ])('%s carries a secret (%s)', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    ['auth.existingSecret', 'the name of an existing Secret'],
    ['passwordSecretName', 'a Secret name, camelCase'],
    ['DB_PASSWORD_FILE', 'a file holding the password'],
    ['passwordKey', 'the key inside a Secret'],
    ['tokenKey_', 'the key inside a Secret, with a trailing separator'],
    ['TOKEN_EXPIRY', 'a lifetime'],
    ['PASSWORD_EXPIRATION_DAYS', 'a lifetime in days'],
    ['auth.password.enabled', 'a switch under a password block'],
    ['DB_HOST', 'no secret word'],
    ['AWS_ACCESS_KEY_ID', 'the identifier of a key'],
    ['TOKEN_URL', 'an endpoint'],
    ['BYPASS_CACHE', 'bypass contains no pass'],
    ['TOKENIZER_MODEL', 'a tokenizer'],
    ['DATABASE_URL', 'a URL name (its value is judged)'],
  ])('%s does not (%s)', (name) => expect(isSecretName(name)).toBe(false));
});

describe('isReferenceValue', () => {
  it.each(['$(DB_PASSWORD)', '$DB_PASSWORD', '${DB_PASSWORD}', '/run/secrets/db/password', '$(cat /run/secrets/token)'])('%s points to a secret', (value) =>
    expect(isReferenceValue(value)).toBe(true),
  );
  it.each(['S3cret!', 'changeme', 'hunter2'])('%s is a literal', (value) => expect(isReferenceValue(value)).toBe(false));
});
