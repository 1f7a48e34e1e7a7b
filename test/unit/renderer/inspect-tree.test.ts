// The Inspect tree: nodes with paths and previews, secret-looking env values masked, values marked secret hidden, copy text.
import { describe, expect, it } from 'vitest';
import { HIDDEN_ENV_VALUE } from '../../../src-main/contract/secret-env';
import {
  MASK,
  branchKeys,
  filterTree,
  flattenTree,
  copyText,
  inspectTree,
  isSecretName,
  maskEnv,
  splitEnv,
} from '../../../src-renderer/src/components/container/inspect-tree';

describe('secret env values', () => {
  it('recognises secret-looking names, whatever the case', () => {
    for (const name of ['DB_PASSWORD', 'api_token', 'Secret', 'AWS_SECRET_ACCESS_KEY', 'SSH_KEY', 'REDIS_PASS'])
      expect(isSecretName(name), name).toBe(true);
    for (const name of ['PATH', 'HOME', 'PWD', 'HOSTNAME', 'PASSPORT_OFFICE'])
      expect(isSecretName(name), name).toBe(false);
  });

  it('masks only the value of secret entries', () => {
    expect(maskEnv('DB_PASSWORD=s3cret')).toBe(`DB_PASSWORD=${MASK}`);
    expect(maskEnv('DB_PASSWORD=')).toBe('DB_PASSWORD=');
    expect(maskEnv('PATH=/bin')).toBe('PATH=/bin');
    expect(splitEnv('TOKEN=a=b')).toEqual({ name: 'TOKEN', value: 'a=b', secret: true });
    expect(splitEnv('FLAG')).toEqual({ name: 'FLAG', value: '', secret: false });
  });
});

describe('inspectTree', () => {
  const raw = {
    Id: 'abc',
    State: { Running: true, Pid: 42, Health: null },
    Config: { Env: ['PATH=/bin', 'DB_PASSWORD=s3cret'], Labels: {} },
    Mounts: [],
  };

  it('makes a node per field with paths, kinds and previews', () => {
    const nodes = inspectTree(raw);
    expect(nodes.map((n) => [n.key, n.kind, n.preview])).toEqual([
      ['Id', 'string', '"abc"'],
      ['State', 'object', '3 fields'],
      ['Config', 'object', '2 fields'],
      ['Mounts', 'array', '[]'],
    ]);
    expect(nodes[1]!.children!.map((n) => [n.key, n.preview])).toEqual([
      ['State.Running', 'true'],
      ['State.Pid', '42'],
      ['State.Health', 'null'],
    ]);
    expect(nodes[3]!.children).toBeUndefined();
  });

  it('masks secret env entries, and keeps their value out of the filter text', () => {
    const env = inspectTree(raw)[2]!.children![0]!;
    expect(env.key).toBe('Config.Env');
    const [path, password] = env.children!;
    expect(path!.secret).toBeUndefined();
    expect(path!.key).toBe('Config.Env[0]');
    expect(password!.secret).toEqual({ name: 'DB_PASSWORD', value: 's3cret' });
    expect(password!.preview).toBe(`"DB_PASSWORD=${MASK}"`);
    expect(password!.label).not.toContain('s3cret');
    expect(password!.value).toBe('DB_PASSWORD=s3cret');
  });

  it('shows values main hid (marked secret at run) as masked for good, with nothing to reveal', () => {
    const marked = { Config: { Env: [`API_KEY=${HIDDEN_ENV_VALUE}`, `OTHER=${HIDDEN_ENV_VALUE}`] } };
    const [hidden, unmarked] = inspectTree(marked, ['API_KEY'])[0]!.children![0]!.children!;
    expect(hidden!.hidden).toBe('API_KEY');
    expect(hidden!.secret).toBeUndefined();
    expect(hidden!.preview).toBe(`"API_KEY=${MASK}"`);
    expect(unmarked!.hidden).toBeUndefined();
  });

  it('does not mask look-alike strings outside Env', () => {
    const nodes = inspectTree({ Args: ['TOKEN=x'] });
    expect(nodes[0]!.children![0]!.secret).toBeUndefined();
  });
});

describe('copyText', () => {
  it('copies strings as they are and anything else as JSON', () => {
    expect(copyText('a"b')).toBe('a"b');
    expect(copyText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(copyText(null)).toBe('null');
  });
});

describe('filterTree', () => {
  const nodes = inspectTree({
    Id: 'abc',
    Config: { Env: ['PATH=/bin', 'DB_PASSWORD=s3cret'], Image: 'busybox' },
    State: { Status: 'running' },
  });

  it('shows matches with their ancestors opened and their children', () => {
    const { visible, open } = filterTree(nodes, 'path');
    expect([...visible].sort()).toEqual(['Config', 'Config.Env', 'Config.Env[0]']);
    expect([...open].sort()).toEqual(['Config', 'Config.Env']);
    expect([...filterTree(nodes, 'state').visible].sort()).toEqual(['State', 'State.Status']);
  });

  it('never matches a masked value', () => {
    expect(filterTree(nodes, 's3cret').visible.size).toBe(0);
  });

  it('lists every branch for expand all', () => {
    expect(branchKeys(nodes)).toEqual(['Config', 'Config.Env', 'State']);
  });
});

describe('flattenTree', () => {
  const nodes = inspectTree({ A: { B: { C: 1 }, D: 2 }, E: 3 });

  it('lists open branches depth first', () => {
    const rows = flattenTree(nodes, (key) => key === 'A');
    expect(rows.map((r) => [r.node.key, r.depth])).toEqual([
      ['A', 0],
      ['A.B', 1],
      ['A.D', 1],
      ['E', 0],
    ]);
  });

  it('leaves out what the filter hides', () => {
    const rows = flattenTree(nodes, () => true, new Set(['A', 'A.D']));
    expect(rows.map((r) => r.node.key)).toEqual(['A', 'A.D']);
  });
});
