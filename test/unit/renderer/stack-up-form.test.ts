// The "Up from a file" form: the request it sends and its per-field messages from the API's own schema; preview wording.
import { describe, expect, it } from 'vitest';
import {
  previewPortText,
  serviceSource,
  unresolvedText,
} from '../../../src-renderer/src/components/stacks/preview-text';
import { emptyUpForm, upFormErrors, upRequest } from '../../../src-renderer/src/components/stacks/up-form';

describe('upRequest', () => {
  it('splits files by line and profiles by commas or spaces, and leaves an empty project name out', () => {
    const form = { ...emptyUpForm(), files: ' /a/compose.yaml\n\n/a/compose.dev.yaml ', profiles: 'debug, tools  x' };
    expect(upRequest(form)).toEqual({
      files: ['/a/compose.yaml', '/a/compose.dev.yaml'],
      envFiles: [],
      profiles: ['debug', 'tools', 'x'],
    });
    expect(upRequest({ ...form, projectName: ' shop ', envFile: '/a/.env' })).toMatchObject({
      projectName: 'shop',
      envFiles: ['/a/.env'],
    });
  });
});

describe('upFormErrors', () => {
  it('passes a valid form', () => {
    expect(upFormErrors({ ...emptyUpForm(), files: '/a/compose.yaml' })).toEqual({});
  });

  it('says which field is wrong, naming the value', () => {
    expect(upFormErrors(emptyUpForm()).files).toBe('Enter at least one compose file');
    const errors = upFormErrors({
      files: 'compose.yaml',
      envFile: 'rel/.env',
      profiles: '-x',
      projectName: 'Shop',
    });
    expect(errors.files).toBe('Compose file compose.yaml must be an absolute path');
    expect(errors.envFile).toBe('The env file rel/.env must be an absolute path');
    expect(errors.profiles).toMatch(/^Profile -x must be/);
    expect(errors.projectName).toMatch(/^The project name must be lowercase/);
  });
});

describe('preview wording', () => {
  it('writes ports as the CLI does', () => {
    expect(previewPortText({ published: '8080', target: 80, protocol: 'tcp' })).toBe('8080:80');
    expect(previewPortText({ published: '53', target: 53, protocol: 'udp', hostIp: '127.0.0.1' })).toBe(
      '127.0.0.1:53:53/udp',
    );
    expect(previewPortText({ target: 9000, protocol: 'tcp' })).toBe('9000');
  });

  it('names unset variables and what a service runs', () => {
    expect(unresolvedText('FOO')).toBe('FOO is not set: it becomes an empty string');
    expect(serviceSource({ build: true })).toBe('build');
    expect(serviceSource({ build: true, image: 'me/app' })).toBe('build → me/app');
    expect(serviceSource({ build: false, image: 'nginx' })).toBe('nginx');
  });
});
