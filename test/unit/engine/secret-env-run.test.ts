// Running with env values marked secret: the create options' labels, refusals that name the field, errors without values.
import { describe, expect, it } from 'vitest';
import { runSpec, type RunSpecInput } from '../../../src-main/contract/methods/containers';
import { HIDDEN_ENV_VALUE, SECRET_ENV_LABEL_PREFIX } from '../../../src-main/contract/secret-env';
import { toCreateOptions } from '../../../src-main/engine/create-options';
import { hideValuesInError, secretEnvValues } from '../../../src-main/engine/secret-env-errors';

const options = (spec: Partial<RunSpecInput>) => toCreateOptions(runSpec.parse({ image: 'busybox', ...spec }));

describe('a run spec with secretEnv', () => {
  it('labels the names set by env or envFile, values only in Env', () => {
    const created = options({ env: ['A=1'], envFile: 'DB_PASS=hunter2\n', secretEnv: ['DB_PASS'] });
    expect(created.Labels).toEqual({ [`${SECRET_ENV_LABEL_PREFIX}DB_PASS`]: 'hidden' });
    expect(created.Env).toEqual(['DB_PASS=hunter2', 'A=1']);
    expect(secretEnvValues(created)).toEqual(['hunter2']);
  });

  it('refuses a name the env does not set, naming the field', () => {
    expect(() => options({ env: ['A=1'], secretEnv: ['B'] })).toThrow(
      'spec.secretEnv[0]: B is not set by env or envFile',
    );
  });

  it('is refused by the schema for names that cannot be variables or are too long', () => {
    const issue = (name: string) => runSpec.safeParse({ image: 'x', secretEnv: [name] }).error?.issues[0];
    expect(issue('A=B')?.message).toBe('must be a variable name, without "=" or whitespace');
    expect(issue('')?.message).toBe('must not be empty');
    expect(issue('N'.repeat(256))?.message).toBe('must be at most 255 characters');
    expect(issue('N'.repeat(255))).toBeUndefined();
  });

  it('never quotes a value in a parse error of env or envFile', () => {
    expect(() => options({ env: ['MY TOKEN=hunter2'] })).toThrow(/name "MY TOKEN" must not contain whitespace/);
    expect(() => options({ env: ['=hunter2'] })).not.toThrow(/hunter2/);
    expect(() => options({ envFile: 'A=1\nBAD KEY=hunter2' })).not.toThrow(/hunter2/);
  });
});

describe('hideValuesInError', () => {
  it("replaces the values in the message and a dockerode error's JSON message", () => {
    const error = Object.assign(new Error('(HTTP code 400) unexpected - bad env hunter2 here'), {
      statusCode: 400,
      json: { message: 'bad env hunter2 here' },
    });
    hideValuesInError(error, ['hunter2']);
    expect(error.message).toBe(`(HTTP code 400) unexpected - bad env ${HIDDEN_ENV_VALUE} here`);
    expect(error.json.message).toBe(`bad env ${HIDDEN_ENV_VALUE} here`);
  });
});
