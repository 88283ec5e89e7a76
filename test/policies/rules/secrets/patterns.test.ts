/**
 * Which names carry a secret value (the secrets rules fail on a literal there) and which only point to
 * one (a Secret's name, the key inside it, a file or a lifetime): the Helm charts' and env conventions.
 */
import { isSecretName } from '../../../../policies/rules/secrets/patterns';

describe('isSecretName', () => {
  it.each([
    ['DB_PASSWORD', 'an env variable'],
    ['auth.password', 'the last segment of a dotted Helm name'],
    ['adminPassword', 'camelCase'],
    ['apiKey', 'an API key'],
    ['PRIVATE_KEY', 'a private key'],
    ['oauth.clientSecret', 'a client secret'],
    ['GITHUB_TOKEN', 'a token'],
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
  ])('%s does not (%s)', (name) => expect(isSecretName(name)).toBe(false));
});
