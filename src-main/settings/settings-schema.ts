// Berth's settings, version 4: every field with its default and limits, and the schema of a partial update.
import { X509Certificate } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { readDaemonJson } from '../core/daemon-json';
import { isHttpsUrl } from '../core/https-url';
import { parseImageReference } from '../core/image-ref';
import { DEFAULT_RESOURCES, MIN_DISK_GIB, MIN_MEMORY_MIB } from '../core/machine-resources';
import { parseOrRefuse } from './settings-error';

/** The id `engines.active` has when Berth uses its own engine (the VM or the host's) rather than a remote one. */
const LOCAL_ENGINE_ID = 'local';
/** The smallest window the UI is laid out for, in pixels. */
const MIN_WINDOW = { width: 400, height: 300 } as const;
/** How many image references `recentImages` keeps. */
export const MAX_RECENT_IMAGES = 10;

/** A strict object (an unknown key is refused by name) whose "not an object" message is `message`. */
function section<S extends z.ZodRawShape>(shape: S, message = 'must be an object') {
  return z.strictObject(shape, { error: (issue) => (issue.code === 'invalid_type' ? message : undefined) });
}

/** A whole number of `unit`, from `min` when given. */
function wholeNumber(unit: string, min?: number) {
  if (min === undefined) return z.int({ error: `must be a whole number of ${unit}` });
  const message = `must be a whole number of ${unit}, at least ${min}`;
  return z.int({ error: message }).min(min, { error: message });
}

const flag = () => z.boolean({ error: 'must be true or false' });
const text = () => z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' });

/**
 * Refuses every item whose key (undefined: none) an earlier item already has, with
 * `message(item, indexOfTheEarlierOne)` at the item's `field`, or at the item itself.
 */
function refuseDuplicates<T>(
  keyOf: (item: T) => string | undefined,
  message: (item: T, first: number) => string,
  field?: string,
) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else ctx.addIssue({ code: 'custom', path: field ? [index, field] : [index], message: message(item, first) });
    });
  };
}

/** Whether `address` is ssh://user@host[:port] or tcp://host:port, with nothing after the port. */
function isRemoteAddress(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  const bare = url.pathname === '' && url.search === '' && url.hash === '' && url.password === '';
  if (url.protocol === 'ssh:') return bare && url.username !== '' && url.hostname !== '';
  return url.protocol === 'tcp:' && bare && url.username === '' && url.hostname !== '' && url.port !== '';
}

function checkDaemonJson(source: string, ctx: z.RefinementCtx): void {
  const reading = readDaemonJson(source);
  if (reading.ok) return;
  const message =
    reading.problem === 'syntax' ? `not valid JSON: ${reading.message}` : `must be a JSON object, not ${reading.kind}`;
  ctx.addIssue({ code: 'custom', message });
}

function checkImageReference(reference: string, ctx: z.RefinementCtx): void {
  try {
    parseImageReference(reference);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
}

/** The machine: what `machine.json` held in settings version 1, with the same defaults and limits. */
export const machineSettingsSchema = section({
  /** Where the engine runs: Berth's VM (qemu), the host's engine (native, Linux only), or auto: native when the host has one. */
  backend: z.enum(['auto', 'qemu', 'native'], { error: 'must be auto, qemu or native' }).default('auto'),
  /** CPUs the VM gets. */
  cpus: wholeNumber('CPUs', 1).default(DEFAULT_RESOURCES.cpus),
  /** The VM's memory, in MiB. */
  memoryMiB: wholeNumber('MiB', MIN_MEMORY_MIB).default(DEFAULT_RESOURCES.memoryMiB),
  /** The size of the VM's data disk (images, containers, volumes), in GiB. */
  diskGiB: wholeNumber('GiB', MIN_DISK_GIB).default(DEFAULT_RESOURCES.diskGiB),
  /** Pause the VM after this many seconds with no running containers and no engine clients; 0 never pauses. */
  idlePauseSeconds: wholeNumber('seconds', 0).default(300),
  /** Published ports listen on every host interface, not just 127.0.0.1 (ports a container published on 127.0.0.1 never do). */
  exposePortsOnAllInterfaces: flag().default(false),
});

const generalSettingsSchema = section({
  /** Start Berth when the user logs in. */
  startAtLogin: flag().default(false),
  /** Closing the window keeps Berth running in the tray; false quits. */
  closeToTray: flag().default(true),
  /** Quitting Berth stops the machine; false leaves the VM running. */
  stopMachineOnQuit: flag().default(true),
  theme: z.enum(['system', 'light', 'dark'], { error: 'must be system, light or dark' }).default('system'),
  /** Desktop notifications (a pull finished, a container died). */
  notifications: flag().default(true),
});

const windowSettingsSchema = section({
  /** The main window's last position and size, in screen pixels; unset until it was first moved or resized. */
  bounds: section(
    {
      x: wholeNumber('pixels'),
      y: wholeNumber('pixels'),
      width: wholeNumber('pixels', MIN_WINDOW.width),
      height: wholeNumber('pixels', MIN_WINDOW.height),
    },
    'must be an object with x, y, width and height',
  ).optional(),
  maximized: flag().default(false),
});

const fileSharingSettingsSchema = section({
  /** Absolute host paths shared into the VM at the same path, besides the user's home folder. */
  folders: z
    .array(
      z.string({ error: 'must be an absolute path' }).refine(isAbsolute, {
        error: (issue) => `must be an absolute path, not ${JSON.stringify(issue.input)}`,
      }),
      { error: 'must be a list of absolute paths' },
    )
    .superRefine(
      refuseDuplicates(
        (folder) => (isAbsolute(folder) ? resolve(folder) : undefined),
        (folder, first) => `${JSON.stringify(folder)} is already listed at fileSharing.folders[${first}]`,
      ),
    )
    .default(() => []),
});

const engineSettingsSchema = section({
  /** The VM engine's daemon.json as the user wrote it (comments and layout kept); must be a JSON object. */
  daemonJson: z.string({ error: 'must be the text of daemon.json' }).superRefine(checkDaemonJson).default('{}\n'),
});

const remoteEngineSchema = section(
  {
    /** Stable id, what `engines.active` names. */
    id: text().refine((id) => id !== LOCAL_ENGINE_ID, { error: `"${LOCAL_ENGINE_ID}" is the local engine's id` }),
    /** Shown in the engine picker. */
    name: text(),
    /** ssh://user@host[:port] or tcp://host:port. */
    address: z.string({ error: 'must be ssh://user@host[:port] or tcp://host:port' }).refine(isRemoteAddress, {
      error: (issue) => `must be ssh://user@host[:port] or tcp://host:port, not ${JSON.stringify(issue.input)}`,
    }),
  },
  'must be an object with id, name and address',
);

const enginesSettingsSchema = section({
  /** The engine the app shows: "local", or the id of one of `remotes`. */
  active: text().default(LOCAL_ENGINE_ID),
  remotes: z
    .array(remoteEngineSchema, { error: 'must be a list of remote engines' })
    .superRefine(
      refuseDuplicates(
        (remote) => remote.id,
        (remote, first) => `${JSON.stringify(remote.id)} is already the id of engines.remotes[${first}]`,
        'id',
      ),
    )
    .default(() => []),
}).superRefine((engines, ctx) => {
  if (engines.active === LOCAL_ENGINE_ID || engines.remotes.some((remote) => remote.id === engines.active)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['active'],
    message: `must be "${LOCAL_ENGINE_ID}" or the id of one of engines.remotes, not ${JSON.stringify(engines.active)}`,
  });
});

const dockerCliSettingsSchema = section({
  /** Keep a docker context named "berth" that points the host's docker CLI at Berth's engine. */
  writeContext: flag().default(true),
  /** Make that context the docker CLI's current one. */
  useContext: flag().default(false),
});

/** Image references the user ran or pulled, most recent first. */
const recentImagesSchema = z
  .array(z.string({ error: 'must be an image reference' }).superRefine(checkImageReference), {
    error: 'must be a list of image references',
  })
  .max(MAX_RECENT_IMAGES, { error: `must list at most ${MAX_RECENT_IMAGES} images` });

const updatesSettingsSchema = section({
  /** Check for new Berth releases. */
  enabled: flag().default(false),
  /** Where to look for releases instead of the built-in feed. */
  feedUrl: z
    .string({ error: 'must be an https:// URL' })
    .refine(isHttpsUrl, { error: 'must be an https:// URL' })
    .optional(),
});

const buildCacheSettingsSchema = section({
  /** Keep the build cache under this many GB (10^9 bytes): applied on demand and after each build Berth runs; unset: no budget. */
  budgetGB: z
    .number({ error: 'must be a number of GB' })
    .positive({ error: 'must be more than 0 GB' })
    .max(1_000_000, { error: 'must be at most 1000000 GB' })
    .optional(),
});

/** A registry as logins name it: "docker.io", or a lowercase host with an optional port ("127.0.0.1:5000", "[::1]:5000"). */
const REGISTRY_SERVER =
  /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::\d{1,5})?$/;

function checkCaCertificate(pem: string, ctx: z.RefinementCtx): void {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    ctx.addIssue({ code: 'custom', message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)' });
    return;
  }
  try {
    new X509Certificate(pem);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not a certificate that can be read: ${(error as Error).message}` });
  }
}

const registryTrustSchema = section(
  {
    /** The registry as logins name it: "docker.io" or "host[:port]", lowercase, no scheme or path. */
    server: z.string({ error: 'must be a registry host, e.g. registry.example.com:5000' }).regex(REGISTRY_SERVER, {
      error: (issue) => `must be a registry host such as registry.example.com:5000, not ${JSON.stringify(issue.input)}`,
    }),
    /** The CA certificate (PEM) the registry's certificate is signed by; Berth's VM trusts it for this registry only. */
    caCertificate: z
      .string({ error: 'must be a PEM certificate' })
      .max(65536, { error: 'must be at most 65536 characters' })
      .superRefine(checkCaCertificate)
      .optional(),
    /** Reach it over plain HTTP or with an unverified certificate (daemon.json insecure-registries for Berth's VM). */
    insecure: flag().default(false),
  },
  'must be an object with server, caCertificate and insecure',
);

const registriesSettingsSchema = section({
  /** How each registry that needs it is trusted; a patch replaces the whole list. */
  trust: z
    .array(registryTrustSchema, { error: 'must be a list of registries' })
    .superRefine(
      refuseDuplicates(
        (entry) => entry.server,
        (entry, first) => `${JSON.stringify(entry.server)} is already listed at registries.trust[${first}]`,
        'server',
      ),
    )
    .default(() => []),
});

/** The sections a patch may change field by field. */
const sectionSchemas = {
  machine: machineSettingsSchema,
  general: generalSettingsSchema,
  window: windowSettingsSchema,
  fileSharing: fileSharingSettingsSchema,
  engine: engineSettingsSchema,
  engines: enginesSettingsSchema,
  dockerCli: dockerCliSettingsSchema,
  updates: updatesSettingsSchema,
  buildCache: buildCacheSettingsSchema,
  registries: registriesSettingsSchema,
};

/** settings.json, version 4. A missing field or section takes its default. */
export const settingsSchema = section({
  version: z.literal(4, { error: 'must be 4' }).default(4),
  machine: machineSettingsSchema.prefault({}),
  general: generalSettingsSchema.prefault({}),
  window: windowSettingsSchema.prefault({}),
  fileSharing: fileSharingSettingsSchema.prefault({}),
  engine: engineSettingsSchema.prefault({}),
  engines: enginesSettingsSchema.prefault({}),
  dockerCli: dockerCliSettingsSchema.prefault({}),
  recentImages: recentImagesSchema.default(() => []),
  updates: updatesSettingsSchema.prefault({}),
  buildCache: buildCacheSettingsSchema.prefault({}),
  registries: registriesSettingsSchema.prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type MachineSettings = Settings['machine'];
export type RegistryTrust = Settings['registries']['trust'][number];
export type SettingsSectionName = keyof typeof sectionSchemas;

/**
 * A partial update: any section, any fields inside it (a field left out or undefined keeps its
 * value; null clears an optional field such as `window.bounds`), and `recentImages` as a whole list.
 */
export type SettingsPatch = {
  [S in SettingsSectionName]?: {
    [K in keyof Settings[S]]?: undefined extends Settings[S][K] ? Settings[S][K] | null : Settings[S][K];
  };
} & { recentImages?: string[] };

/**
 * A section's fields (each has a default or is optional), each optional and without its default;
 * an optional field may also be null.
 */
function patchOf(schema: z.ZodObject) {
  const fields = Object.entries(schema.shape).map(([key, field]) => {
    const inner = (field as z.ZodDefault | z.ZodOptional).unwrap() as z.ZodType;
    return [key, (field instanceof z.ZodOptional ? inner.nullable() : inner).optional()];
  });
  return section(Object.fromEntries(fields) as z.ZodRawShape).optional();
}

/**
 * Validates a partial update field by field, as `settingsSchema` does; rules that tie fields
 * together (`engines.active` naming a remote) are checked on the merged result.
 */
export const settingsPatchSchema = section({
  ...Object.fromEntries(Object.entries(sectionSchemas).map(([name, schema]) => [name, patchOf(schema)])),
  recentImages: recentImagesSchema.optional(),
}) as unknown as z.ZodType<SettingsPatch>;

/** Every setting at its default. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** `raw` as settings, defaults filled in. @throws SettingsError naming every invalid field ("general.theme: …"). */
export function parseSettings(raw: unknown): Settings {
  return parseOrRefuse(settingsSchema, raw);
}
