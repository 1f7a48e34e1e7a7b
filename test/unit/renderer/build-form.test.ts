// The Build dialog's form: the request it makes, and each field's message from the contract's schema.
import { describe, expect, it } from 'vitest';
import {
  buildFormErrors,
  emptyBuildForm,
  formOf,
  newArgRow,
  newSecretRow,
  requestOf,
} from '../../../src-renderer/src/components/builds/build-form';

describe('the build form', () => {
  it('makes the request: tags split on spaces and commas, empty rows left out, secrets by source', () => {
    const form = {
      ...emptyBuildForm(),
      context: ' /src/app ',
      tags: 'app:1, app:latest  ',
      target: 'prod',
      args: [newArgRow('V', '1'), newArgRow('', '')],
      secrets: [newSecretRow('npm', 'file', '/home/me/.npmrc'), newSecretRow('gh', 'env', 'GH_TOKEN')],
    };
    expect(requestOf(form)).toEqual({
      context: '/src/app',
      dockerfile: 'Dockerfile',
      tags: ['app:1', 'app:latest'],
      buildArgs: { V: '1' },
      target: 'prod',
      secrets: [
        { id: 'npm', file: '/home/me/.npmrc' },
        { id: 'gh', env: 'GH_TOKEN' },
      ],
      noCache: false,
      pull: false,
    });
    expect(buildFormErrors(form)).toEqual({});
    expect(requestOf(formOf(requestOf(form)))).toEqual(requestOf(form));
  });

  it('names the field that is wrong', () => {
    const errors = buildFormErrors({
      ...emptyBuildForm(),
      context: 'relative/path',
      dockerfile: '../Dockerfile',
      tags: 'Upper:1',
      args: [newArgRow('1BAD', 'x'), newArgRow('OK', 'a'), newArgRow('OK', 'b')],
    });
    expect(errors.context).toMatch(/absolute/);
    expect(errors.dockerfile).toMatch(/inside the context/);
    expect(errors.tags).toMatch(/lowercase/);
    expect(errors['args[0]']).toBeDefined();
    expect(errors['args[2]']).toMatch(/given twice/);
  });
});
