// Secret removal before diagnostics leave the machine: keys that look secret, URL credentials, secret lines in text.
import { describe, expect, it } from 'vitest';
import { isSecretKey, redactSecrets, redactText } from '../../../src-main/host/redact';

describe('redactText', () => {
  it.each<[string, string]>([
    [
      'pull https://user:pass@registry.example.com/v2/ failed',
      'pull https://[removed]@registry.example.com/v2/ failed',
    ],
    ['DOCKER_HOST=tcp://admin:s3cret@10.0.0.5:2376', 'DOCKER_HOST=tcp://[removed]@10.0.0.5:2376'],
    ['git clone https://ghp_abc123@github.com/x/y.git', 'git clone https://[removed]@github.com/x/y.git'],
    ['proxy http://u:p@ss@proxy:3128/', 'proxy http://[removed]@proxy:3128/'],
    ['"https://u:p@h","mail":"a@b"', '"https://[removed]@h","mail":"a@b"'],
    ['ssh://me@host.example', 'ssh://me@host.example'],
    ['ssh://me:hunter2@host:22/path', 'ssh://me:[removed]@host:22/path'],
    ['Authorization: Bearer eyJhbGciOi.x-y_z==', 'Authorization: Bearer [removed]'],
    ['proxy-authorization: Basic dXNlcjpwYXNz', 'proxy-authorization: Basic [removed]'],
    ['curl -H "Authorization: Bearer abc.def" http://x', 'curl -H "Authorization: Bearer [removed]" http://x'],
    ['sent Bearer abc.def-ghi', 'sent Bearer [removed]'],
    ['password=hunter2 user=bob', 'password=[removed] user=bob'],
    ['DB_PASSWORD = hunter2', 'DB_PASSWORD = [removed]'],
    ['db_password: "two words" next', 'db_password: "[removed]" next'],
    ["secret='a b'", "secret='[removed]'"],
    [
      '{"auth": "dXNlcjpwYXNz", "email": "a@b.c", "identitytoken":"xyz"}',
      '{"auth": "[removed]", "email": "a@b.c", "identitytoken":"[removed]"}',
    ],
    ['/v2/token?scope=x&access_token=abc123&service=y', '/v2/token?scope=x&access_token=[removed]&service=y'],
    ['\u001b[31mERROR\u001b[0m token=abc\r', '\u001b[31mERROR\u001b[0m token=[removed]\r'],
  ])('%j → %j', (input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it.each([
    'author=Jane Doe; org.opencontainers.image.authors=me',
    'connecting to host:2375 and secret.example.com:443',
    'level=info msg="engine ready" time=12:00',
    'mail me@example.com, see http://example.com/a@b',
    'password reset is not a secret by itself',
  ])('leaves %j alone', (input) => {
    expect(redactText(input)).toBe(input);
  });

  it('keeps every line and line ending', () => {
    const text = 'a\r\npassword=x\n\ntoken: y\n';
    expect(redactText(text)).toBe('a\r\npassword=[removed]\n\ntoken: [removed]\n');
  });

  it('is idempotent', () => {
    const once = redactText('Authorization: Bearer abc https://u:p@h password="x"');
    expect(redactText(once)).toBe(once);
  });

  it.each(['a', 'a:', 'x://', 'a=', '"a', 'a@', 'a.-'])('stays linear on a 2 MB line of %j repeated', (unit) => {
    const line = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const started = performance.now();
    expect(redactText(line)).toBe(line);
    // Linear takes milliseconds; a backtracking pattern would take hours.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('isSecretKey', () => {
  it.each([
    'password',
    'Password',
    'passwd',
    'engineSecret',
    'client_secret',
    'token',
    'identitytoken',
    'IdentityToken',
    'auth',
    'auths',
    'Authorization',
    'oauth',
    'credential',
    'Credentials',
    'private_key',
    'privateKey',
    'apikey',
    'api_key',
    'API-KEY',
  ])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['author', 'Authors', 'authority', 'name', 'hostKey', 'keyPath'])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('replaces secret values and URL credentials in a deep copy', () => {
    const input = {
      engineSecret: 'abc',
      Password: 'x',
      passwd: 42,
      apiKey: 'k',
      private_key: '-----BEGIN OPENSSH PRIVATE KEY-----',
      hostKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI',
      shortcutKey: 'F5',
      authors: 'me',
      auths: { 'registry.example': { auth: 'xx' } },
      HttpProxy: 'http://u:p@proxy:3128',
      engines: [{ address: 'ssh://me:pw@host', Token: 1 }, 'tcp://a:b@h'],
      Plugins: { Authorization: null, Log: ['json-file'] },
      token: null,
      hasPassword: true,
      Credentials: '',
    };
    const before = structuredClone(input);
    expect(redactSecrets(input)).toEqual({
      engineSecret: '[removed]',
      Password: '[removed]',
      passwd: '[removed]',
      apiKey: '[removed]',
      private_key: '[removed]',
      hostKey: '[removed]',
      shortcutKey: 'F5',
      authors: 'me',
      auths: '[removed]',
      HttpProxy: 'http://[removed]@proxy:3128',
      engines: [{ address: 'ssh://me:[removed]@host', Token: '[removed]' }, 'tcp://[removed]@h'],
      Plugins: { Authorization: null, Log: ['json-file'] },
      token: null,
      hasPassword: true,
      Credentials: '',
    });
    expect(input).toEqual(before);
  });

  it('copies like JSON: toJSON honoured, functions dropped, cycles marked, primitives kept', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactSecrets({ when: new Date(0), fn: () => 1, list: [() => 1, undefined] })).toEqual({
      when: '1970-01-01T00:00:00.000Z',
      list: [null, null],
    });
    expect(redactSecrets(cyclic)).toEqual({ a: 1, self: '[circular]' });
    expect(redactSecrets('password=x')).toBe('password=[removed]');
    expect(redactSecrets(7)).toBe(7);
    expect(redactSecrets(null)).toBe(null);
    expect(redactSecrets(undefined)).toBe(undefined);
  });

  it('keeps a repeated (not cyclic) object in each place', () => {
    const shared = { v: 1 };
    expect(redactSecrets({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });
});
