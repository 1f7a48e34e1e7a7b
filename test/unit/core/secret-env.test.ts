// Env values marked secret: the labels naming them, and env lists and inspect answers with their values hidden.
import { describe, expect, it } from 'vitest';
import { HIDDEN_ENV_VALUE, SECRET_ENV_LABEL_PREFIX } from '../../../src-main/contract/secret-env';
import {
  hideSecretEnv,
  hideSecretEnvInInspect,
  secretEnvLabels,
  secretEnvNames,
} from '../../../src-main/core/secret-env';

describe('secret env labels', () => {
  it('mark each name with a label of its own, and read the names back sorted', () => {
    const labels = secretEnvLabels(['TOKEN', 'A.B']);
    expect(labels).toEqual({
      [`${SECRET_ENV_LABEL_PREFIX}TOKEN`]: 'hidden',
      [`${SECRET_ENV_LABEL_PREFIX}A.B`]: 'hidden',
    });
    expect(secretEnvNames({ ...labels, 'com.example': 'x', [SECRET_ENV_LABEL_PREFIX]: 'no name' })).toEqual([
      'A.B',
      'TOKEN',
    ]);
    expect(secretEnvNames(null)).toEqual([]);
  });
});

describe('hideSecretEnv', () => {
  it('replaces the values of the named variables only, keeping order, "=" in values and bare names', () => {
    expect(hideSecretEnv(['A=1', 'TOKEN=x=y', 'TOKEN_2=z', 'TOKEN', 'EMPTY='], ['TOKEN', 'EMPTY'])).toEqual([
      'A=1',
      `TOKEN=${HIDDEN_ENV_VALUE}`,
      'TOKEN_2=z',
      'TOKEN',
      `EMPTY=${HIDDEN_ENV_VALUE}`,
    ]);
  });
});

describe('hideSecretEnvInInspect', () => {
  const inspect = {
    Id: 'abc',
    Config: { Env: ['A=1', 'DB_PASS=hunter2'], Labels: secretEnvLabels(['DB_PASS']) },
    ContainerConfig: { Env: ['DB_PASS=hunter2'] },
  };

  it("hides the values Config.Labels marks in Config and ContainerConfig, without touching the engine's answer", () => {
    const { inspect: hidden, names } = hideSecretEnvInInspect(inspect);
    expect(names).toEqual(['DB_PASS']);
    expect(JSON.stringify(hidden)).not.toContain('hunter2');
    expect(hidden.Config.Env).toEqual(['A=1', `DB_PASS=${HIDDEN_ENV_VALUE}`]);
    expect(hidden.ContainerConfig.Env).toEqual([`DB_PASS=${HIDDEN_ENV_VALUE}`]);
    expect(inspect.Config.Env).toContain('DB_PASS=hunter2');
  });

  it('returns an answer without marks as it is', () => {
    const plain = { Config: { Env: ['DB_PASS=hunter2'], Labels: {} } };
    expect(hideSecretEnvInInspect(plain)).toEqual({ inspect: plain, names: [] });
  });
});
