// The Run dialog's form: image defaults, validation with the API's own parsers and engine clashes, and the RunSpec.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import { runSpec } from '../../../src-main/contract/methods/containers';
import { HIDDEN_ENV_VALUE, SECRET_ENV_LABEL_PREFIX } from '../../../src-main/contract/secret-env';
import { toCreateOptions } from '../../../src-main/engine/create-options';
import {
  emptyForm,
  isValid,
  newEnvRow,
  newPortRow,
  newVolumeRow,
  toRunSpec,
  validateRunForm,
  withImageDefaults,
  type EnvRow,
  type RunContext,
  type RunForm,
} from '../../../src-renderer/src/components/images/run-form';

function container(name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: `${name}-id`,
    name,
    image: 'web:1',
    imageId: 'sha256:1',
    command: 'sh',
    created: 1,
    state: 'running',
    status: 'Up',
    health: 'none',
    ports: [],
    labels: {},
    berthOwned: false,
    mounts: [],
    networks: [],
    ...extra,
  };
}

const image: ImageSummary = {
  id: `sha256:${'ab'.repeat(32)}`,
  repoTags: ['web:1', 'busybox:latest'],
  repoDigests: [],
  created: 1,
  size: 1,
  containers: 0,
  dangling: false,
  labels: {},
  berthOwned: false,
};

const context: RunContext = {
  containers: [
    container('api', { ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }] }),
    container('dns', { ports: [{ containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 5353 }] }),
  ],
  images: [image],
};

const form = (patch: Partial<RunForm> = {}): RunForm => ({ ...emptyForm('web:1'), ...patch });
const errorsOf = (patch: Partial<RunForm>) => validateRunForm(form(patch), context);

describe('withImageDefaults', () => {
  it('turns exposed ports, VOLUME paths and Env into rows with random host ports and anonymous volumes', () => {
    const filled = withImageDefaults(form({ name: 'kept' }), {
      exposedPorts: ['80/tcp', '53/udp'],
      volumes: ['/data'],
      env: ['PATH=/bin', 'EMPTY=', 'A=b=c'],
      secretEnv: [],
    });
    expect(filled.name).toBe('kept');
    expect(filled.ports.map((p) => [p.host, p.container])).toEqual([
      ['', '80'],
      ['', '53/udp'],
    ]);
    expect(filled.volumes.map((v) => [v.kind, v.target])).toEqual([['anonymous', '/data']]);
    expect(filled.env.map((e) => [e.name, e.value])).toEqual([
      ['PATH', '/bin'],
      ['EMPTY', ''],
      ['A', 'b=c'],
    ]);
    expect(new Set([...filled.ports, ...filled.volumes, ...filled.env].map((r) => r.id)).size).toBe(6);
    expect(validateRunForm(filled, context)).toEqual({});
  });
});

describe('secret environment rows', () => {
  it("prefills an image's hidden values as secret rows without a value, which keep the image's value", () => {
    const filled = withImageDefaults(form(), {
      exposedPorts: [],
      volumes: [],
      env: ['PATH=/bin', `API_TOKEN=${HIDDEN_ENV_VALUE}`],
      secretEnv: ['API_TOKEN'],
    });
    expect(filled.env.map((e) => [e.name, e.value, e.secret, e.imageValueHidden])).toEqual([
      ['PATH', '/bin', false, false],
      ['API_TOKEN', '', true, true],
    ]);
    expect(validateRunForm(filled, context)).toEqual({});
    const kept = toRunSpec(filled);
    expect(kept.env).toEqual(['PATH=/bin']);
    expect(kept.secretEnv).toEqual([]);
    const [path, token] = filled.env as [EnvRow, EnvRow];
    const replaced = toRunSpec({ ...filled, env: [path, { ...token, value: 'new-one' }] });
    expect(replaced.env).toEqual(['PATH=/bin', 'API_TOKEN=new-one']);
    expect(replaced.secretEnv).toEqual(['API_TOKEN']);
  });

  it('sends the names of rows marked secret, and the API labels them on the container with names only', () => {
    const spec = toRunSpec(
      form({ env: [newEnvRow(' DB_PASS ', 'p4ss', true), newEnvRow('MODE', 'prod'), newEnvRow('', '', true)] }),
    );
    expect(spec.env).toEqual(['DB_PASS=p4ss', 'MODE=prod']);
    expect(spec.secretEnv).toEqual(['DB_PASS']);
    const options = toCreateOptions(runSpec.parse(spec));
    expect(options.Env).toEqual(['DB_PASS=p4ss', 'MODE=prod']);
    expect(options.Labels).toEqual({ [`${SECRET_ENV_LABEL_PREFIX}DB_PASS`]: 'hidden' });
    expect(JSON.stringify(options.Labels)).not.toContain('p4ss');
  });
});

describe('validateRunForm', () => {
  it('accepts the bare form: every field but the image is optional', () => {
    expect(isValid(errorsOf({}))).toBe(true);
  });

  it('checks the image: required, a local tag or id, or a well-formed reference', () => {
    expect(errorsOf({ image: '' }).image).toBe('choose an image to run');
    expect(errorsOf({ image: 'Bad Image!' }).image).toMatch(/repository name must be lowercase|must be/);
    expect(errorsOf({ image: 'busybox' }).image).toBeUndefined();
    expect(errorsOf({ image: 'ababababab' + 'ab' }).image).toBeUndefined();
    expect(errorsOf({ image: 'registry.example:5000/team/app:2' }).image).toBeUndefined();
  });

  it('checks names like the engine, and against existing containers', () => {
    expect(errorsOf({ name: 'web-1.a_b' }).name).toBeUndefined();
    expect(errorsOf({ name: 'x' }).name).toMatch(/2\+ characters/);
    expect(errorsOf({ name: '-web' }).name).toMatch(/starting with a letter or digit/);
    expect(errorsOf({ name: 'has space' }).name).toBeDefined();
    expect(errorsOf({ name: 'api' }).name).toBe('a container named api already exists');
    expect(errorsOf({ name: ' api ' }).name).toBe('a container named api already exists');
  });

  it('checks each port row with the -p parser, reporting the reason only', () => {
    expect(errorsOf({ ports: [newPortRow('80', '70000')] })['ports[0]']).toBe(
      'host port "70000" must be a number from 1 to 65535',
    );
    expect(errorsOf({ ports: [newPortRow('80/xyz')] })['ports[0]']).toMatch(/protocol "xyz" must be tcp, udp or sctp/);
    expect(errorsOf({ ports: [newPortRow('', '8081')] })['ports[0]']).toBe('enter the container port, e.g. 80');
    expect(errorsOf({ ports: [newPortRow('8000-8002', '9000-9001')] })['ports[0]']).toMatch(/same length/);
    expect(errorsOf({ ports: [newPortRow('80', '1.2.3:8081')] })['ports[0]']).toMatch(/not an IP address/);
    expect(errorsOf({ ports: [newPortRow(''), newPortRow('80', '127.0.0.1:8081'), newPortRow('90', '')] })).toEqual({});
  });

  it('reports a host port another container publishes, by protocol and address, before the engine does', () => {
    expect(errorsOf({ ports: [newPortRow('80', '8080')] })['ports[0]']).toBe('port 8080 is already used by api');
    expect(errorsOf({ ports: [newPortRow('80', '127.0.0.1:8080')] })['ports[0]']).toBe(
      'port 8080 is already used by api',
    );
    expect(errorsOf({ ports: [newPortRow('80/udp', '8080')] })['ports[0]']).toBeUndefined();
    expect(errorsOf({ ports: [newPortRow('53/udp', '5353')] })['ports[1]']).toBeUndefined();
    expect(errorsOf({ ports: [newPortRow('53/udp', '5353')] })['ports[0]']).toBe('port 5353 is already used by dns');
    expect(errorsOf({ ports: [newPortRow('53/udp', '127.0.0.2:5353')] })['ports[0]']).toBeUndefined();
    expect(errorsOf({ ports: [newPortRow('8079-8081', '8079-8081')] })['ports[0]']).toBe(
      'port 8080 is already used by api',
    );
  });

  it('reports the same host port published twice in the form', () => {
    const errors = errorsOf({ ports: [newPortRow('80', '9000'), newPortRow('81', '9000')] });
    expect(errors).toEqual({ 'ports[1]': 'port 9000 is already published above' });
    expect(errorsOf({ ports: [newPortRow('80', '9000'), newPortRow('81/udp', '9000')] })).toEqual({});
  });

  it('checks volume rows by kind, then with the -v parser', () => {
    const one = (row: ReturnType<typeof newVolumeRow>) => errorsOf({ volumes: [row] })['volumes[0]'];
    expect(one(newVolumeRow('/data', 'anonymous'))).toBeUndefined();
    expect(one(newVolumeRow('/data', 'volume', 'cache'))).toBeUndefined();
    expect(one(newVolumeRow('/data', 'bind', '/srv/data'))).toBeUndefined();
    expect(one(newVolumeRow('data', 'anonymous'))).toBe('container path "data" must be absolute');
    expect(one(newVolumeRow('/', 'anonymous'))).toBe('container path must not be "/"');
    expect(one(newVolumeRow('/data', 'volume'))).toBe('enter a volume name');
    expect(one(newVolumeRow('/data', 'volume', '/srv'))).toMatch(/not a path/);
    expect(one(newVolumeRow('/data', 'volume', 'x'))).toMatch(/volume name "x" must be at least 2 characters/);
    expect(one(newVolumeRow('/data', 'bind', 'relative/dir'))).toMatch(/absolute path/);
    expect(one(newVolumeRow('', 'bind', '/srv'))).toBe('enter the path in the container, e.g. /data');
    expect(errorsOf({ volumes: [newVolumeRow('', 'volume')] })).toEqual({});
  });

  it('reports a container path mounted twice', () => {
    const errors = errorsOf({ volumes: [newVolumeRow('/data', 'anonymous'), newVolumeRow('/data/', 'volume', 'v1')] });
    expect(errors).toEqual({ 'volumes[1]': '/data is already mounted above' });
  });

  it('checks environment rows with the -e parser and duplicates', () => {
    expect(errorsOf({ env: [newEnvRow('A', '1'), newEnvRow('EMPTY', '')] })).toEqual({});
    expect(errorsOf({ env: [newEnvRow('', 'orphan')] })['env[0]']).toBe('name must not be empty');
    expect(errorsOf({ env: [newEnvRow('MY VAR', '1')] })['env[0]']).toBe('name "MY VAR" must not contain whitespace');
    expect(errorsOf({ env: [newEnvRow('A=B', '1')] })['env[0]']).toBe('the name must not contain "="');
    expect(errorsOf({ env: [newEnvRow('A', '1'), newEnvRow('A', '2')] })).toEqual({
      'env[1]': 'A is already set above',
    });
    expect(errorsOf({ env: [newEnvRow('', '')] })).toEqual({});
  });

  it('checks command and entrypoint quoting', () => {
    expect(errorsOf({ command: `sh -c 'echo hi'` })).toEqual({});
    expect(errorsOf({ command: `sh -c 'echo hi` }).command).toBe('the single quote is never closed');
    expect(errorsOf({ entrypoint: 'run "x' }).entrypoint).toBe('the double quote is never closed');
  });

  it('refuses a restart policy with auto-remove, as the API does', () => {
    expect(errorsOf({ autoRemove: true, restartPolicy: 'always' }).restartPolicy).toMatch(/cannot be combined/);
    expect(errorsOf({ autoRemove: true, restartPolicy: 'no' })).toEqual({});
  });

  it('checks memory and CPU limits with the docker parsers', () => {
    expect(errorsOf({ memory: '512m', cpus: '1.5' })).toEqual({});
    expect(errorsOf({ memory: '12 apples' }).memory).toMatch(/must be a number with an optional unit/);
    expect(errorsOf({ memory: '1m' }).memory).toBe('the smallest memory limit is 6 MiB (6m)');
    expect(errorsOf({ cpus: 'two' }).cpus).toBe('must be a decimal number such as 1.5');
    expect(errorsOf({ cpus: '0' }).cpus).toBe('must be greater than 0');
  });
});

describe('toRunSpec', () => {
  it('maps a full form to the run spec, leaving blank rows and fields out', () => {
    const spec = toRunSpec(
      form({
        name: ' web ',
        ports: [newPortRow('80', '8081'), newPortRow(''), newPortRow('53/udp')],
        volumes: [
          newVolumeRow('/cache', 'anonymous'),
          { ...newVolumeRow('/data', 'volume', 'data-vol'), readOnly: true },
          newVolumeRow('/srv', 'bind', '/home/me/site'),
          newVolumeRow('', 'volume'),
        ],
        env: [newEnvRow('GREETING', 'hello world'), newEnvRow('', '')],
        command: `httpd -f -p 80 -h '/www root'`,
        entrypoint: '',
        restartPolicy: 'on-failure',
        restartMaxRetries: 3,
        network: 'backend',
        memory: '256m',
        cpus: '0.5',
      }),
    );
    expect(spec).toEqual({
      image: 'web:1',
      name: 'web',
      ports: ['127.0.0.1:8081:80', '127.0.0.1::53/udp'],
      volumes: ['/cache', 'data-vol:/data:ro', '/home/me/site:/srv'],
      env: ['GREETING=hello world'],
      secretEnv: [],
      command: ['httpd', '-f', '-p', '80', '-h', '/www root'],
      restartPolicy: 'on-failure',
      restartMaxRetries: 3,
      network: 'backend',
      memory: '256m',
      cpus: '0.5',
      autoRemove: false,
    });
    expect(runSpec.safeParse(spec).success).toBe(true);
  });

  it('publishes on 127.0.0.1 by default, on all interfaces when chosen, and keeps an address typed in a row', () => {
    const rows = [newPortRow('80', '8081'), newPortRow('53/udp'), newPortRow('443', '0.0.0.0:8443')];
    const bindings = (publishOn: RunForm['publishOn']) =>
      toCreateOptions(runSpec.parse(toRunSpec(form({ ports: rows, publishOn })))).HostConfig?.PortBindings;
    expect(emptyForm().publishOn).toBe('local');
    expect(bindings('local')).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '443/tcp': [{ HostIp: '0.0.0.0', HostPort: '8443' }],
    });
    expect(bindings('all')).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '8081' }],
      '53/udp': [{ HostIp: '', HostPort: '' }],
      '443/tcp': [{ HostIp: '0.0.0.0', HostPort: '8443' }],
    });
    expect(toRunSpec(form({ ports: [newPortRow('80', '[::1]:8080')] })).ports).toEqual(['[::1]:8080:80']);
  });

  it('checks clashes on the address ports are published on, and shows errors without the added address', () => {
    const local = context.containers[1]!; // dns: 127.0.0.1:5353/udp
    expect(errorsOf({ ports: [newPortRow('53/udp', '5353')], publishOn: 'all' })['ports[0]']).toBe(
      `port 5353 is already used by ${local.name}`,
    );
    expect(errorsOf({ ports: [newPortRow('80', 'abc')] })['ports[0]']).toBe(
      'host port "abc" must be a number from 1 to 65535',
    );
  });

  it('gives a spec the API turns into the create options a user expects', () => {
    const options = toCreateOptions(
      runSpec.parse(
        toRunSpec(
          form({
            ports: [newPortRow('80', '127.0.0.1:8081')],
            volumes: [newVolumeRow('/data', 'anonymous')],
            entrypoint: 'sh -c',
            autoRemove: true,
          }),
        ),
      ),
    );
    expect(options.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }] });
    expect(options.Volumes).toEqual({ '/data': {} });
    expect(options.Entrypoint).toEqual(['sh', '-c']);
    expect(options.HostConfig?.AutoRemove).toBe(true);
    expect(options.Cmd).toBeUndefined();
  });

  it('sends retries only with the on-failure policy', () => {
    expect(toRunSpec(form({ restartPolicy: 'always', restartMaxRetries: 2 })).restartMaxRetries).toBeUndefined();
    expect(toRunSpec(form({ restartPolicy: 'on-failure', restartMaxRetries: null })).restartMaxRetries).toBeUndefined();
  });
});
