import { describe, expect, it } from 'vitest';
import {
  credentialHelperScript,
  fileLogins,
  loginVariableName,
  loginVariables,
  parseCliConfig,
  planCliRun,
  runCliConfig,
  serversForHelper,
} from '../../../src-main/core/cli-logins';

const hub = { serveraddress: 'docker.io', username: 'alice', password: 'hub-secret' };
const local = { serveraddress: '127.0.0.1:5000', username: 'berth', password: 'berth-test' };

describe('loginVariableName', () => {
  it("is the run's token and the server's UTF-8 bytes in uppercase hex", () => {
    expect(loginVariableName('AB12', '127.0.0.1:5000')).toBe('BERTH_LOGIN_AB12_3132372E302E302E313A35303030');
    expect(loginVariableName('T', 'é')).toBe('BERTH_LOGIN_T_C3A9');
    expect(loginVariableName('T', '')).toBe('BERTH_LOGIN_T_');
  });

  it('gives every server its own valid shell variable name', () => {
    const names = ['a.b', 'a-b', 'a_b', 'https://index.docker.io/v1/', 'A.B'].map((s) => loginVariableName('T', s));
    expect(new Set(names).size).toBe(5);
    for (const name of names) expect(name).toMatch(/^[A-Z_][A-Z0-9_]*$/);
  });

  it('refuses a token that could not be part of a variable name', () => {
    expect(() => loginVariableName('a-b', 'x')).toThrow(/letters and digits/);
    expect(() => loginVariableName('', 'x')).toThrow(/letters and digits/);
  });
});

describe('loginVariables', () => {
  it("holds each login as the helper's JSON answer, under the key the CLI asks for", () => {
    const variables = loginVariables('T', [hub, { ...local, password: 'quote " and \\ slash' }]);
    expect(Object.keys(variables)).toEqual([
      loginVariableName('T', 'https://index.docker.io/v1/'),
      loginVariableName('T', '127.0.0.1:5000'),
    ]);
    expect(JSON.parse(Object.values(variables)[0]!)).toEqual({
      ServerURL: 'https://index.docker.io/v1/',
      Username: 'alice',
      Secret: 'hub-secret',
    });
    expect(JSON.parse(Object.values(variables)[1]!).Secret).toBe('quote " and \\ slash');
    for (const value of Object.values(variables)) expect(value).not.toContain('\n');
  });
});

describe('parseCliConfig', () => {
  it('reads a JSON object, and takes a missing, broken or non-object file as empty (as the CLI does)', () => {
    expect(parseCliConfig('{"credsStore":"pass"}')).toEqual({ credsStore: 'pass' });
    for (const text of [undefined, '', '{broken', '[1]', 'null', '"x"']) expect(parseCliConfig(text)).toEqual({});
  });
});

describe('serversForHelper', () => {
  it("leaves out servers the user's config gives to a helper of its own, and names each once", () => {
    const user = { credHelpers: { 'https://index.docker.io/v1/': 'desktop' }, credsStore: 'pass' };
    expect(serversForHelper(user, [hub, local, local])).toEqual(['127.0.0.1:5000']);
    expect(serversForHelper({}, [hub, local])).toEqual(['https://index.docker.io/v1/', '127.0.0.1:5000']);
    expect(serversForHelper({ credHelpers: 'nonsense' }, [local])).toEqual(['127.0.0.1:5000']);
  });
});

describe('runCliConfig', () => {
  it("is the user's config with Berth's helper for the servers, the user's cli-plugins folder, and no auth secret", () => {
    const user = {
      auths: { 'other:5000': { auth: 'eA==' } },
      credsStore: 'pass',
      credHelpers: { 'gcr.io': 'gcloud' },
      cliPluginsExtraDirs: ['/opt/plugins'],
      currentContext: 'berth',
      proxies: { default: { httpProxy: 'http://127.0.0.1:3128' } },
    };
    const before = JSON.stringify(user);
    expect(runCliConfig(user, ['127.0.0.1:5000'], '/home/a/.docker/cli-plugins')).toEqual({
      ...user,
      auths: { 'other:5000': {} },
      credHelpers: { '127.0.0.1:5000': 'berth', 'gcr.io': 'gcloud' },
      cliPluginsExtraDirs: ['/opt/plugins', '/home/a/.docker/cli-plugins'],
    });
    expect(JSON.stringify(user)).toBe(before);
  });

  it('keeps no secret of the file store in auths, and every other field', () => {
    const user = {
      auths: {
        'a:1': { auth: 'eDp5', email: 'a@b' },
        'b:2': { identitytoken: 'tok', registrytoken: 'r', password: 'p', username: 'u' },
        'c:3': 'odd',
      },
    };
    expect(runCliConfig(user, [], '/p').auths).toEqual({
      'a:1': { email: 'a@b' },
      'b:2': { username: 'u' },
      'c:3': {},
    });
  });

  it('never takes a server from a helper the user named for it, nor lists the plugins folder twice', () => {
    const user = { credHelpers: { 'h:1': 'theirs' }, cliPluginsExtraDirs: ['/p'] };
    expect(runCliConfig(user, ['h:1'], '/p')).toEqual({
      credHelpers: { 'h:1': 'theirs' },
      cliPluginsExtraDirs: ['/p'],
    });
  });

  it('starts from nothing for an empty config', () => {
    expect(runCliConfig({}, [], '/p')).toEqual({ credHelpers: {}, cliPluginsExtraDirs: ['/p'] });
  });
});

describe('fileLogins', () => {
  it("reads the file store's base64 user:password and identity tokens, skipping what is not one", () => {
    const user = {
      auths: {
        'https://index.docker.io/v1/': { auth: btoa('alice:pa:ss') },
        'tok:5000': { identitytoken: 'refresh-token' },
        'utf:1': { auth: btoa(String.fromCharCode(...new TextEncoder().encode('zoë:pässword'))) },
        'nocolon:1': { auth: btoa('justuser') },
        'broken:1': { auth: '%%%' },
        'empty:1': {},
        'odd:1': 'x',
      },
    };
    expect(fileLogins(user)).toEqual([
      { serveraddress: 'https://index.docker.io/v1/', username: 'alice', password: 'pa:ss' },
      { serveraddress: 'tok:5000', username: '<token>', password: 'refresh-token' },
      { serveraddress: 'utf:1', username: 'zoë', password: 'pässword' },
    ]);
    expect(fileLogins({})).toEqual([]);
  });
});

describe('planCliRun', () => {
  const fileHub = { auths: { 'https://index.docker.io/v1/': { auth: btoa('file-user:file-pass') } } };

  it("is nothing when the user's own helpers serve every server of Berth's", () => {
    expect(planCliRun({ credHelpers: { '127.0.0.1:5000': 'theirs' } }, [local], '/p', 'T')).toBeUndefined();
    expect(planCliRun(fileHub, [], '/p', 'T')).toBeUndefined();
  });

  it("gives Berth's logins, then the user's file logins through the helper, with no secret left in the config", () => {
    const plan = planCliRun(fileHub, [local, { ...local, password: 'second' }], '/p', 'T')!;
    expect(plan.config).toEqual({
      auths: { 'https://index.docker.io/v1/': {} },
      credHelpers: { '127.0.0.1:5000': 'berth', 'https://index.docker.io/v1/': 'berth' },
      cliPluginsExtraDirs: ['/p'],
    });
    expect(JSON.stringify(plan.config)).not.toContain(btoa('file-user:file-pass'));
    const answers = Object.values(plan.variables).map((v) => JSON.parse(v) as { ServerURL: string; Secret: string });
    expect(answers).toEqual([
      { ServerURL: '127.0.0.1:5000', Username: 'berth', Secret: 'berth-test' },
      { ServerURL: 'https://index.docker.io/v1/', Username: 'file-user', Secret: 'file-pass' },
    ]);
  });

  it("prefers Berth's login to the file's for the same server", () => {
    const plan = planCliRun(fileHub, [hub], '/p', 'T')!;
    expect(Object.values(plan.variables).map((v) => JSON.parse(v).Secret)).toEqual(['hub-secret']);
  });
});

describe('credentialHelperScript', () => {
  it("is a sh script that reads only the run token's variables and holds no secret", () => {
    const script = credentialHelperScript('AB12');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain('${BERTH_LOGIN_AB12_$hex-}');
    expect(script).toContain('credentials not found in native keychain');
    expect(() => credentialHelperScript('$(rm -rf /)')).toThrow();
  });
});
