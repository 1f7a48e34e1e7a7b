// The registry pages' words and rules: where a login is kept, the tags a delete takes along, what a failure means,
// which registry a reference needs a login for, and the login and trust forms' checks.
import { describe, expect, it } from 'vitest';
import { hubSearchFailure } from '../../../src-renderer/src/components/images/hub-search';
import {
  certificateError,
  configFileLogout,
  logoutFrom,
  needsLogin,
  referenceRegistry,
  registryFailure,
  registryTitle,
  serverError,
  storageLabel,
  tagsSharingDigest,
  usernameError,
} from '../../../src-renderer/src/components/registries/registry-view';

describe('storageLabel and logoutFrom', () => {
  it('names each place a login is kept', () => {
    expect(storageLabel({ storage: 'helper', helper: 'pass' })).toBe(
      'credential helper pass — shared with the docker CLI',
    );
    expect(storageLabel({ storage: 'keychain' })).toBe('encrypted with the system keychain');
    expect(storageLabel({ storage: 'memory' })).toBe('in memory only — gone when Berth quits');
    expect(storageLabel({ storage: 'config-file' })).toBe("docker CLI's config.json");
    expect(storageLabel({})).toBeUndefined();
  });

  it('says where a logout removes the login from, and that the docker CLI is logged out with a shared one', () => {
    expect(logoutFrom({ storage: 'helper', helper: 'pass' })).toBe(
      'The login is removed from the credential helper pass, so the docker CLI is logged out too.',
    );
    expect(logoutFrom({ storage: 'keychain' })).toContain('keychain');
    expect(logoutFrom({ storage: 'memory' })).toContain('memory');
  });
});

describe('configFileLogout', () => {
  it('leaves a docker login in config.json to docker logout, naming the command', () => {
    expect(configFileLogout('127.0.0.1:5000')).toContain('Run "docker logout 127.0.0.1:5000" in a terminal');
    expect(configFileLogout('docker.io')).toContain('Run "docker logout" in a terminal');
    expect(configFileLogout('docker.io')).toContain('Berth does not rewrite that file');
  });
});

describe('tagsSharingDigest', () => {
  const tags = [
    { tag: 'latest', digest: 'sha256:aaa' },
    { tag: '1.0', digest: 'sha256:aaa' },
    { tag: '0.9', digest: 'sha256:bbb' },
    { tag: 'unknown' },
  ];

  it('lists every tag on the same manifest, the chosen one first', () => {
    expect(tagsSharingDigest(tags, '1.0')).toEqual(['1.0', 'latest']);
    expect(tagsSharingDigest(tags, '0.9')).toEqual(['0.9']);
  });

  it('names only the tag when its digest is not known', () => {
    expect(tagsSharingDigest(tags, 'unknown')).toEqual(['unknown']);
  });
});

describe('registryFailure and needsLogin', () => {
  it('tells certificate, login, unreachable and other failures apart', () => {
    expect(registryFailure('x509: certificate signed by unknown authority')).toBe('certificate');
    expect(registryFailure('self-signed certificate in certificate chain')).toBe('certificate');
    expect(registryFailure('127.0.0.1:5000 answered 401 Unauthorized: authentication required')).toBe('unauthorized');
    expect(registryFailure('127.0.0.1:5000 needs a login: log in to it in Settings › Registries')).toBe('unauthorized');
    expect(registryFailure('127.0.0.1:5000 refused the login for berth (authentication required)')).toBe(
      'unauthorized',
    );
    expect(
      registryFailure(
        'The registry 127.0.0.1:5000 presents a certificate Berth does not trust (it is self-signed). Add its CA certificate in Settings › Registries, or mark it insecure.',
      ),
    ).toBe('certificate');
    expect(registryFailure('connect ECONNREFUSED 127.0.0.1:5999')).toBe('unreachable');
    expect(registryFailure('the registry answered 500')).toBe('other');
  });

  it('sees a push the registry refused without a login', () => {
    expect(needsLogin('no basic auth credentials')).toBe(true);
    expect(needsLogin('denied: requested access to the resource is denied')).toBe(true);
    expect(needsLogin('manifest unknown')).toBe(false);
  });
});

describe('referenceRegistry and registryTitle', () => {
  it('finds the registry an image reference lives in', () => {
    expect(referenceRegistry('127.0.0.1:5000/team/app:1')).toBe('127.0.0.1:5000');
    expect(referenceRegistry('nginx')).toBe('docker.io');
    expect(referenceRegistry('Not A Reference')).toBeUndefined();
  });

  it('calls docker.io Docker Hub and any other by its server', () => {
    expect(registryTitle('docker.io')).toBe('Docker Hub');
    expect(registryTitle('registry.example.com:5000')).toBe('registry.example.com:5000');
    expect(registryTitle('https://index.docker.io/v1/')).toBe('Docker Hub');
    expect(registryTitle('HTTPS://Registry.Example.com:5000/v2/')).toBe('registry.example.com:5000');
  });
});

describe('login and trust form checks', () => {
  it('accepts a registry host with a port and refuses one that is not a host', () => {
    expect(serverError('registry.example.com:5000')).toBeUndefined();
    expect(serverError('https://127.0.0.1:5000')).toBeUndefined();
    expect(serverError('')).toMatch(/^Enter the registry/);
    expect(serverError('not a host!')).toBe('The registry must be a registry host, e.g. registry.example.com:5000');
  });

  it('needs a user name within the registry login limits', () => {
    expect(usernameError('berth')).toBeUndefined();
    expect(usernameError('  ')).toBe('Enter the user name');
    expect(usernameError('a'.repeat(256))).toBe('The user name is too long');
  });

  it('accepts an empty or PEM certificate and explains anything else', () => {
    expect(certificateError('')).toBeUndefined();
    expect(certificateError('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).toBeUndefined();
    expect(certificateError('hello')).toMatch(/^Paste a PEM certificate/);
  });
});

describe('hubSearchFailure', () => {
  it('calls an engine that cannot reach Docker Hub offline, and keeps its words', () => {
    const message =
      'Error response from daemon: Get "https://index.docker.io/v1/search?q=nginx": dial tcp: lookup index.docker.io: no such host';
    expect(hubSearchFailure(message)).toEqual({ offline: true, message });
    expect(hubSearchFailure('Docker Hub cannot be reached: the engine is offline').offline).toBe(true);
  });

  it('leaves other failures as they are', () => {
    expect(hubSearchFailure('invalid term').offline).toBe(false);
  });
});
