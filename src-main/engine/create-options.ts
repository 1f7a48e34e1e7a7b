// A RunSpec (the user's `docker run` syntax) → Engine API container create options.
import type Dockerode from 'dockerode';
import { MAX_PUBLISHED_PORTS } from '../contract/limits';
import type { RunSpec } from '../contract/methods/containers';
import { parseByteSize, parseCpus } from '../core/bytes';
import { formatEnv, parseEnvFile, parseEnvLine, type EnvLookup } from '../core/env';
import { envName, secretEnvLabels } from '../core/secret-env';
import { parseTmpfsSpec, parseVolumeSpec, type MountSpec } from '../core/mount-spec';
import { parsePortSpec } from '../core/port-spec';
import { InvalidArgumentError, parseField } from './errors';

function envOf(spec: RunSpec, lookup: EnvLookup): string[] {
  const entries = new Map<string, string>();
  if (spec.envFile !== undefined) {
    for (const [key, value] of parseField('spec.envFile', () => parseEnvFile(spec.envFile ?? '', lookup))) {
      entries.set(key, value);
    }
  }
  spec.env.forEach((line, i) => {
    const entry = parseField(`spec.env[${i}]`, () => parseEnvLine(line, lookup));
    if (entry) entries.set(entry[0], entry[1]);
  });
  return formatEnv([...entries]);
}

/** The labels that mark `spec.secretEnv` secret; each name must be one the container's env sets. */
function secretLabelsOf(spec: RunSpec, env: readonly string[]): Record<string, string> {
  const set = new Set(env.map(envName));
  spec.secretEnv.forEach((name, i) => {
    if (!set.has(name)) {
      throw new InvalidArgumentError(`spec.secretEnv[${i}]`, `${name} is not set by env or envFile`);
    }
  });
  return secretEnvLabels(spec.secretEnv);
}

function portsOf(spec: RunSpec) {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  spec.ports.forEach((text, i) => {
    for (const b of parseField(`spec.ports[${i}]`, () => parsePortSpec(text))) {
      const key = `${b.containerPort}/${b.protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: b.hostIp, HostPort: b.hostPort });
    }
  });
  const published = Object.keys(exposed).length;
  if (published > MAX_PUBLISHED_PORTS) {
    throw new InvalidArgumentError(
      'spec.ports',
      `publishes ${published} container ports; at most ${MAX_PUBLISHED_PORTS}`,
    );
  }
  return { exposed, bindings };
}

function bindOf(m: Exclude<MountSpec, { type: 'tmpfs' }>): string {
  const options: string[] = [];
  if (m.readOnly) options.push('ro');
  if (m.type === 'volume' && m.noCopy) options.push('nocopy');
  if (m.type === 'bind') {
    if (m.selinux) options.push(m.selinux);
    if (m.propagation) options.push(m.propagation);
  }
  return [m.source, m.target, ...(options.length ? [options.join(',')] : [])].join(':');
}

function mountsOf(spec: RunSpec) {
  const binds: string[] = [];
  const anonymous: Record<string, object> = {};
  const tmpfs: Record<string, string> = {};
  spec.volumes.forEach((text, i) => {
    const m = parseField(`spec.volumes[${i}]`, () => parseVolumeSpec(text));
    if (m.type === 'tmpfs') return;
    if (m.type === 'volume' && !m.source) anonymous[m.target] = {};
    else binds.push(bindOf(m));
  });
  spec.tmpfs.forEach((text, i) => {
    const m = parseField(`spec.tmpfs[${i}]`, () => parseTmpfsSpec(text));
    if (m.type !== 'tmpfs') return;
    const options = [...m.options];
    if (m.sizeBytes !== undefined) options.push(`size=${m.sizeBytes}`);
    if (m.mode !== undefined) options.push(`mode=${m.mode.toString(8)}`);
    tmpfs[m.target] = options.join(',');
  });
  return { binds, anonymous, tmpfs };
}

/** Builds create options; throws InvalidArgumentError naming the field for any bad spec string. */
export function toCreateOptions(spec: RunSpec, lookup: EnvLookup = () => undefined): Dockerode.ContainerCreateOptions {
  if (spec.autoRemove && spec.restartPolicy !== 'no') {
    throw new InvalidArgumentError('spec.restartPolicy', 'a restart policy cannot be combined with auto-remove');
  }
  if (spec.restartMaxRetries !== undefined && spec.restartPolicy !== 'on-failure') {
    throw new InvalidArgumentError('spec.restartMaxRetries', 'only applies to the "on-failure" restart policy');
  }
  const memory = spec.memory ? parseField('spec.memory', () => parseByteSize(spec.memory ?? '')) : 0;
  if (memory && memory < 6 * 1024 * 1024)
    throw new InvalidArgumentError('spec.memory', 'the minimum memory limit is 6 MiB');
  const nanoCpus = spec.cpus ? parseField('spec.cpus', () => parseCpus(spec.cpus ?? '')) : 0;
  const { exposed, bindings } = portsOf(spec);
  const { binds, anonymous, tmpfs } = mountsOf(spec);
  const env = envOf(spec, lookup);

  const options: Dockerode.ContainerCreateOptions = {
    Image: spec.image,
    Env: env,
    Labels: { ...spec.labels, ...secretLabelsOf(spec, env) },
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ExposedPorts: exposed,
    Volumes: anonymous,
    HostConfig: {
      PortBindings: bindings,
      PublishAllPorts: spec.publishAll,
      Binds: binds,
      Tmpfs: tmpfs,
      AutoRemove: spec.autoRemove,
      RestartPolicy: { Name: spec.restartPolicy, MaximumRetryCount: spec.restartMaxRetries ?? 0 },
      Memory: memory,
      NanoCpus: nanoCpus,
      Privileged: spec.privileged,
    },
  };
  if (spec.name) options.name = spec.name;
  if (spec.command) options.Cmd = spec.command;
  if (spec.entrypoint) options.Entrypoint = spec.entrypoint.length ? spec.entrypoint : [''];
  if (spec.workingDir) options.WorkingDir = spec.workingDir;
  if (spec.user) options.User = spec.user;
  if (spec.hostname) options.Hostname = spec.hostname;
  if (spec.network) {
    options.HostConfig!.NetworkMode = spec.network;
    if (spec.networkAliases.length) {
      options.NetworkingConfig = { EndpointsConfig: { [spec.network]: { Aliases: spec.networkAliases } } };
    }
  } else if (spec.networkAliases.length) {
    throw new InvalidArgumentError('spec.networkAliases', 'aliases need a network');
  }
  return options;
}
