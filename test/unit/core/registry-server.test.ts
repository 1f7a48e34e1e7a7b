// Registry server names: every spelling of Docker Hub is "docker.io"; others lose scheme and path, lowercased.
import { describe, expect, it } from 'vitest';
import { engineServerAddress, normalizeRegistryServer } from '../../../src-main/core/registry-server';

describe('normalizeRegistryServer', () => {
  it.each([
    'https://index.docker.io/v1/',
    'index.docker.io',
    'docker.io',
    'registry-1.docker.io',
    'Docker.IO',
    ' https://registry-1.docker.io/v2/ ',
  ])('names Docker Hub %j "docker.io"', (input) => {
    expect(normalizeRegistryServer(input)).toBe('docker.io');
  });

  it.each([
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['https://Registry.Example.com:5000/v2/', 'registry.example.com:5000'],
    ['http://localhost:5000', 'localhost:5000'],
    ['ghcr.io', 'ghcr.io'],
    ['[::1]:5000', '[::1]:5000'],
    ['registry.example.com/team/app', 'registry.example.com'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeRegistryServer(input)).toBe(expected);
  });

  it('keeps a docker.io look-alike as its own registry', () => {
    expect(normalizeRegistryServer('docker.io.example.com')).toBe('docker.io.example.com');
  });
});

describe('engineServerAddress', () => {
  it("gives Docker Hub's v1 URL for docker.io", () => {
    expect(engineServerAddress('docker.io')).toBe('https://index.docker.io/v1/');
  });

  it('keeps other servers as they are', () => {
    expect(engineServerAddress('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});
