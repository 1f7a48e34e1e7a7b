// The Run dialog's form: image defaults, validation with the API's parsers and engine clashes, the RunSpec.
import type { ContainerSummary, PortProtocol } from '../../../../src-main/contract/dto/containers';
import type { ImageDetail, ImageSummary } from '../../../../src-main/contract/dto/images';
import { objectName } from '../../../../src-main/contract/methods/common';
import type { RunSpec, RunSpecInput } from '../../../../src-main/contract/methods/containers';
import { parseByteSize, parseCpus } from '../../../../src-main/core/bytes';
import { parseEnvLine } from '../../../../src-main/core/env';
import { parseVolumeSpec } from '../../../../src-main/core/mount-spec';
import { parsePortSpec, type PortBinding } from '../../../../src-main/core/port-spec';
import { splitCommand } from './command-line';
import { fieldMessage } from './field-message';
import { imageError } from './reference';

export type RestartPolicy = RunSpec['restartPolicy'];
/** Anonymous volume at a path, a named volume, or a host folder (bind mount). */
export type VolumeKind = 'anonymous' | 'volume' | 'bind';
/** Where ports are published: this computer's loopback only, or every interface of the engine's host. */
export type PublishScope = 'local' | 'all';

/** The host address of ports published for this computer only. */
export const LOCAL_HOST_IP = '127.0.0.1';

export interface PortRow {
  /** Stable key for the list. */
  id: number;
  /** "8080", a range "8000-8010", blank for a random port; with an address ("0.0.0.0:8080") that address is kept. */
  host: string;
  /** "80", "53/udp", or a range "8000-8002". */
  container: string;
}

export interface VolumeRow {
  id: number;
  kind: VolumeKind;
  /** Volume name or absolute host folder; unused for anonymous volumes. */
  source: string;
  /** Absolute path in the container. */
  target: string;
  readOnly: boolean;
}

export interface EnvRow {
  id: number;
  name: string;
  value: string;
  /** Marked secret: the container gets the value, Berth never shows it again. */
  secret: boolean;
  /** The image sets this variable with a value Berth hides; left blank, the image's value is kept. */
  imageValueHidden: boolean;
}

export interface RunForm {
  /** Tag, id or reference of the image. */
  image: string;
  /** Blank: the engine makes one up. */
  name: string;
  ports: PortRow[];
  /** Where rows without an address of their own are published. */
  publishOn: PublishScope;
  volumes: VolumeRow[];
  env: EnvRow[];
  /** Overrides the image's CMD; blank keeps it. */
  command: string;
  /** Overrides the image's ENTRYPOINT; blank keeps it. */
  entrypoint: string;
  restartPolicy: RestartPolicy;
  /** Only with "on-failure"; null retries without limit. */
  restartMaxRetries: number | null;
  /** Network name; blank is the engine's default bridge. */
  network: string;
  /** `-m` syntax, e.g. "512m"; blank is no limit. */
  memory: string;
  /** `--cpus` syntax, e.g. "1.5"; blank is no limit. */
  cpus: string;
  autoRemove: boolean;
  /** Show the new container's logs once it runs. */
  openLogs: boolean;
}

/** Field → message; a field without an entry is valid. Keys: "name", "ports[2]", "volumes[0]", … */
export type RunErrors = Record<string, string>;

/** What the form is checked against besides its own fields. */
export interface RunContext {
  /** Every container, running or not: for names and published host ports. */
  containers: readonly ContainerSummary[];
  /** Local images, which the image picker may name by tag or id. */
  images: readonly ImageSummary[];
}

/** The engine refuses smaller memory limits. */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

let lastRowId = 0;
const nextRowId = () => ++lastRowId;

export function newPortRow(container = '', host = ''): PortRow {
  return { id: nextRowId(), host, container };
}

export function newVolumeRow(target = '', kind: VolumeKind = 'volume', source = ''): VolumeRow {
  return { id: nextRowId(), kind, source, target, readOnly: false };
}

export function newEnvRow(name = '', value = '', secret = false): EnvRow {
  return { id: nextRowId(), name, value, secret, imageValueHidden: false };
}

/** A row for a variable of the image's that is marked secret: value blank (the image's is kept unless one is typed). */
function hiddenImageEnvRow(name: string): EnvRow {
  return { ...newEnvRow(name, '', true), imageValueHidden: true };
}

export function emptyForm(image = ''): RunForm {
  return {
    image,
    name: '',
    ports: [],
    publishOn: 'local',
    volumes: [],
    env: [],
    command: '',
    entrypoint: '',
    restartPolicy: 'no',
    restartMaxRetries: null,
    network: '',
    memory: '',
    cpus: '',
    autoRemove: false,
    openLogs: true,
  };
}

/**
 * The form with the image's own settings as rows: each exposed port on a random host port
 * ("80/tcp" shows as "80"), an anonymous volume at each VOLUME path, and its environment.
 */
export function withImageDefaults(
  form: RunForm,
  image: Pick<ImageDetail, 'exposedPorts' | 'volumes' | 'env' | 'secretEnv'>,
): RunForm {
  const secret = new Set(image.secretEnv);
  return {
    ...form,
    ports: image.exposedPorts.map((key) => newPortRow(key.replace(/\/tcp$/i, ''))),
    volumes: image.volumes.map((path) => newVolumeRow(path, 'anonymous')),
    env: image.env.map((line) => {
      const equals = line.indexOf('=');
      if (equals === -1) return newEnvRow(line);
      const name = line.slice(0, equals);
      return secret.has(name) ? hiddenImageEnvRow(name) : newEnvRow(name, line.slice(equals + 1));
    }),
  };
}

/** Whether the host field names an address too ("0.0.0.0:8080", "[::1]:8080", "127.0.0.1:"). */
export function hasHostAddress(row: PortRow): boolean {
  return row.host.includes(':');
}

/**
 * The row as a `-p` value: "127.0.0.1:8080:80" (or "127.0.0.1::80" for a random host port) for this
 * computer only, "8080:80" or "80" on all interfaces; an address typed in the row is kept as typed.
 */
export function portSpecOf(row: PortRow, publishOn: PublishScope): string {
  const host = row.host.trim();
  const container = row.container.trim();
  if (hasHostAddress(row)) return `${host}:${container}`;
  if (publishOn === 'local') return `${LOCAL_HOST_IP}:${host}:${container}`;
  return host ? `${host}:${container}` : container;
}

/** The row as a `-v` value: "/data", "name:/data" or "/host:/data", with ":ro" when read-only. */
export function volumeSpecOf(row: VolumeRow): string {
  const target = row.target.trim();
  if (row.kind === 'anonymous') return target;
  const spec = `${row.source.trim()}:${target}`;
  return row.readOnly ? `${spec}:ro` : spec;
}

const isBlankPort = (row: PortRow) => !row.host.trim() && !row.container.trim();
const isBlankVolume = (row: VolumeRow) => !row.source.trim() && !row.target.trim();
const isBlankEnv = (row: EnvRow) => !row.name.trim() && !row.value;
/** A row that leaves the image's hidden value as it is: not sent, the image sets it (and keeps it secret). */
const keepsImageValue = (row: EnvRow) => row.imageValueHidden && !row.value;

/** Whether a binding on `a` and one on `b` would take the same host port ('' and 0.0.0.0 mean every address). */
function addressesOverlap(a: string | undefined, b: string): boolean {
  const any = (ip: string | undefined) => !ip || ip === '0.0.0.0' || ip === '::';
  return any(a) || any(b) || a === b;
}

function publisher(
  containers: readonly ContainerSummary[],
  port: number,
  protocol: PortProtocol,
  hostIp: string,
): ContainerSummary | undefined {
  return containers.find((c) =>
    c.ports.some((p) => p.hostPort === port && p.protocol === protocol && addressesOverlap(p.hostIp, hostIp)),
  );
}

function nameError(text: string, containers: readonly ContainerSummary[]): string | undefined {
  const name = text.trim();
  if (!name) return undefined;
  const parsed = objectName.safeParse(name);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'is not a valid name';
  return containers.some((c) => c.name === name) ? `a container named ${name} already exists` : undefined;
}

function validatePorts(form: RunForm, containers: readonly ContainerSummary[], errors: RunErrors): void {
  const taken = new Map<string, string>();
  form.ports.forEach((row, i) => {
    if (isBlankPort(row)) return;
    const field = `ports[${i}]`;
    if (!row.container.trim()) {
      errors[field] = 'enter the container port, e.g. 80';
      return;
    }
    const spec = portSpecOf(row, form.publishOn);
    let bindings: PortBinding[];
    try {
      bindings = parsePortSpec(spec);
    } catch (error) {
      errors[field] = fieldMessage(error, spec);
      return;
    }
    for (const b of bindings) {
      if (!/^\d+$/.test(b.hostPort)) continue;
      const port = Number(b.hostPort);
      const key = `${port}/${b.protocol}`;
      const user = publisher(containers, port, b.protocol, b.hostIp);
      if (user) errors[field] = `port ${port} is already used by ${user.name}`;
      else if (taken.has(key)) errors[field] = `port ${port} is already published above`;
      if (errors[field]) return;
      taken.set(key, field);
    }
  });
}

function volumeRowError(row: VolumeRow): string | undefined {
  const source = row.source.trim();
  if (!row.target.trim()) return 'enter the path in the container, e.g. /data';
  if (row.kind === 'volume' && !source) return 'enter a volume name';
  if (row.kind === 'volume' && source.startsWith('/'))
    return 'a volume name is not a path: to mount a folder, pick "Host folder"';
  if (row.kind === 'bind' && !source.startsWith('/'))
    return 'enter the host folder as an absolute path, e.g. /home/me/data';
  const spec = volumeSpecOf(row);
  try {
    parseVolumeSpec(spec);
    return undefined;
  } catch (error) {
    return fieldMessage(error, spec);
  }
}

function validateVolumes(rows: readonly VolumeRow[], errors: RunErrors): void {
  const targets = new Set<string>();
  rows.forEach((row, i) => {
    if (isBlankVolume(row)) return;
    const target = row.target.trim().replace(/\/+$/, '');
    const error = volumeRowError(row) ?? (targets.has(target) ? `${target} is already mounted above` : undefined);
    if (error) errors[`volumes[${i}]`] = error;
    targets.add(target);
  });
}

function validateEnv(rows: readonly EnvRow[], errors: RunErrors): void {
  const names = new Set<string>();
  rows.forEach((row, i) => {
    if (isBlankEnv(row)) return;
    const name = row.name.trim();
    const line = `${name}=${row.value}`;
    let error: string | undefined;
    if (name.includes('=')) error = 'the name must not contain "="';
    else {
      try {
        parseEnvLine(line);
      } catch (e) {
        error = fieldMessage(e, name);
      }
    }
    error ??= names.has(name) ? `${name} is already set above` : undefined;
    if (error) errors[`env[${i}]`] = error;
    names.add(name);
  });
}

function commandError(text: string): string | undefined {
  try {
    splitCommand(text);
    return undefined;
  } catch (error) {
    return fieldMessage(error, text);
  }
}

/** The restart policies as the run and limits dialogs offer them. */
export const RESTART_OPTIONS: Array<{ label: string; value: RestartPolicy }> = [
  { label: 'Never', value: 'no' },
  { label: 'Always', value: 'always' },
  { label: 'Unless stopped', value: 'unless-stopped' },
  { label: 'On failure', value: 'on-failure' },
];

/** Why a `--memory` text is refused (blank: no limit). */
export function memoryError(text: string): string | undefined {
  const memory = text.trim();
  if (!memory) return undefined;
  try {
    const bytes = parseByteSize(memory);
    return bytes > 0 && bytes < MIN_MEMORY_BYTES ? 'the smallest memory limit is 6 MiB (6m)' : undefined;
  } catch (error) {
    return fieldMessage(error, memory);
  }
}

/** Why a `--cpus` text is refused (blank: no limit). */
export function cpusError(text: string): string | undefined {
  const cpus = text.trim();
  if (!cpus) return undefined;
  try {
    parseCpus(cpus);
    return undefined;
  } catch (error) {
    return fieldMessage(error, cpus);
  }
}

/** Every problem with the form, by field; an empty result means Run may be pressed. */
export function validateRunForm(form: RunForm, context: RunContext): RunErrors {
  const errors: RunErrors = {};
  const set = (field: string, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  set('image', imageError(context.images, form.image));
  set('name', nameError(form.name, context.containers));
  validatePorts(form, context.containers, errors);
  validateVolumes(form.volumes, errors);
  validateEnv(form.env, errors);
  set('command', commandError(form.command));
  set('entrypoint', commandError(form.entrypoint));
  if (form.autoRemove && form.restartPolicy !== 'no') {
    set('restartPolicy', 'a restart policy cannot be combined with "Remove when it exits"');
  }
  set('memory', memoryError(form.memory));
  set('cpus', cpusError(form.cpus));
  return errors;
}

export function isValid(errors: RunErrors): boolean {
  return Object.keys(errors).length === 0;
}

/** The spec `containers.run` gets for a valid form; blank rows and blank optional fields are left out. */
export function toRunSpec(form: RunForm): RunSpecInput {
  const sentEnv = form.env.filter((r) => !isBlankEnv(r) && !keepsImageValue(r));
  const spec: RunSpecInput = {
    image: form.image.trim(),
    ports: form.ports.filter((r) => !isBlankPort(r)).map((r) => portSpecOf(r, form.publishOn)),
    volumes: form.volumes.filter((r) => !isBlankVolume(r)).map(volumeSpecOf),
    env: sentEnv.map((r) => `${r.name.trim()}=${r.value}`),
    secretEnv: sentEnv.filter((r) => r.secret).map((r) => r.name.trim()),
    restartPolicy: form.restartPolicy,
    autoRemove: form.autoRemove,
  };
  const name = form.name.trim();
  if (name) spec.name = name;
  const command = splitCommand(form.command);
  if (command.length) spec.command = command;
  const entrypoint = splitCommand(form.entrypoint);
  if (entrypoint.length) spec.entrypoint = entrypoint;
  if (form.restartPolicy === 'on-failure' && form.restartMaxRetries !== null) {
    spec.restartMaxRetries = form.restartMaxRetries;
  }
  if (form.network.trim()) spec.network = form.network.trim();
  if (form.memory.trim()) spec.memory = form.memory.trim();
  if (form.cpus.trim()) spec.cpus = form.cpus.trim();
  return spec;
}
