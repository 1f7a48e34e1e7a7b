// WWW-Authenticate challenges as registries send them: Basic, Bearer with realm/service/scope, and what cannot be answered.
import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from '../../../src-main/registries/www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('reads a Basic challenge with or without a realm', () => {
    expect(parseWwwAuthenticate('Basic realm="berth-test"')).toEqual({ scheme: 'basic', realm: 'berth-test' });
    expect(parseWwwAuthenticate('basic')).toEqual({ scheme: 'basic' });
  });

  it("reads Docker Hub's Bearer challenge, a scope with commas inside the quotes included", () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/nginx:pull,push',
    });
  });

  it('takes spaces, unquoted values, escapes and any case of the names', () => {
    expect(parseWwwAuthenticate('BEARER Realm = "http://127.0.0.1:1/t\\"x" , Service=reg')).toEqual({
      scheme: 'bearer',
      realm: 'http://127.0.0.1:1/t"x',
      service: 'reg',
    });
  });

  it('gives a Bearer challenge without a realm, or another scheme, as one it cannot answer', () => {
    expect(parseWwwAuthenticate('Bearer service="x"')).toEqual({ scheme: 'other', name: 'Bearer' });
    expect(parseWwwAuthenticate('Negotiate abc')).toEqual({ scheme: 'other', name: 'Negotiate' });
  });

  it('gives nothing for an absent or blank header', () => {
    expect(parseWwwAuthenticate(undefined)).toBeUndefined();
    expect(parseWwwAuthenticate('   ')).toBeUndefined();
  });
});
