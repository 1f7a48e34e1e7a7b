// Container methods: list, lifecycle, run specs, top, commit, limits, copy in and out.
import { z } from 'zod';
import { method } from '../define';
import type { ContainerDetail, ContainerSummary, CreatedContainer, ProcessList } from '../dto/containers';
import type { FileEntry } from '../dto/files';
import type { PruneItem } from '../dto/system';
import { MAX_ENV_FILE_LENGTH, MAX_HOSTNAME_LENGTH, MAX_SECRET_ENV_NAME_LENGTH } from '../limits';
import {
  containerPath,
  envEntry,
  hostPath,
  labelFilters,
  labels,
  objectName,
  objectRef,
  operationId,
  specList,
} from './common';

/** The name of a variable set by `env` or `envFile` whose value Berth must never show. */
const secretEnvName = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_SECRET_ENV_NAME_LENGTH, `must be at most ${MAX_SECRET_ENV_NAME_LENGTH} characters`)
  .regex(/^[^=\s]+$/, 'must be a variable name, without "=" or whitespace');

export const restartPolicyName = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);

/**
 * What `docker run` takes, in the user's own syntax: the spec strings (ports, volumes, tmpfs,
 * env, memory, cpus) are parsed by core/ and a bad one is reported naming its field.
 */
export const runSpec = z
  .object({
    image: z.string().trim().min(1, 'is required'),
    name: objectName.optional(),
    /** Overrides the image's CMD. */
    command: specList(z.string()).optional(),
    /** Overrides the image's ENTRYPOINT; an empty array clears it. */
    entrypoint: specList(z.string()).optional(),
    /** `KEY=value` or `KEY` (taken from Berth's environment). */
    env: specList(envEntry).default([]),
    /** Text of an env file (docker --env-file syntax), applied before `env`. */
    envFile: z.string().max(MAX_ENV_FILE_LENGTH, 'is longer than 1 MiB').optional(),
    /**
     * Names of variables (set by `env` or `envFile`) whose values are secret: the container gets them, but no API
     * answer, log or diagnostics bundle of Berth's shows them from then on (the label SECRET_ENV_LABEL_PREFIX + name).
     */
    secretEnv: specList(secretEnvName).default([]),
    /** `-p` specs: "8080:80", "127.0.0.1:8080:80", "80", "8000-8002:8000-8002/udp". */
    ports: specList(z.string()).default([]),
    /** `-P`: publish every exposed port on a random host port. */
    publishAll: z.boolean().default(false),
    /** `-v` specs: "/data", "name:/data", "/host/path:/data:ro". */
    volumes: specList(z.string()).default([]),
    /** `--tmpfs` specs: "/run", "/run:size=64m". */
    tmpfs: specList(z.string()).default([]),
    network: z.string().min(1).optional(),
    /** Extra network aliases on `network`. */
    networkAliases: specList(z.string().min(1)).default([]),
    restartPolicy: restartPolicyName.default('no'),
    /** Only with restartPolicy "on-failure". */
    restartMaxRetries: z.number().int().min(0).optional(),
    /** `-m`: "512m", "1g". */
    memory: z.string().optional(),
    /** `--cpus`: "1.5". */
    cpus: z.string().optional(),
    /** `--rm`. */
    autoRemove: z.boolean().default(false),
    workingDir: z.string().optional(),
    user: z.string().optional(),
    hostname: z.string().max(MAX_HOSTNAME_LENGTH, `must be at most ${MAX_HOSTNAME_LENGTH} characters`).optional(),
    labels: labels.default({}),
    tty: z.boolean().default(false),
    /** `-i`: keep stdin open. */
    interactive: z.boolean().default(false),
    privileged: z.boolean().default(false),
  })
  .strict();

export type RunSpec = z.output<typeof runSpec>;
export type RunSpecInput = z.input<typeof runSpec>;

const id = z.object({ id: objectRef }).strict();
const stopTimeout = z.number().int().min(0).max(3600).optional();

export const containerMethods = {
  'containers.list': method<ContainerSummary[]>()(
    z
      .object({
        all: z.boolean().default(true),
        /** Only these containers (full ids); a refresh after an event touches just what changed. */
        ids: z
          .array(z.string().regex(/^[0-9a-f]{64}$/, 'must be a full container id'))
          .max(200)
          .optional(),
      })
      .strict(),
  ),
  'containers.inspect': method<ContainerDetail>()(id),
  /** Create and start (unless `start` is false), like `docker run -d`. */
  'containers.run': method<CreatedContainer>()(
    z.object({ spec: runSpec, start: z.boolean().default(true), operation: operationId.optional() }).strict(),
  ),
  'containers.start': method<void>()(id),
  'containers.stop': method<void>()(z.object({ id: objectRef, timeout: stopTimeout }).strict()),
  'containers.restart': method<void>()(z.object({ id: objectRef, timeout: stopTimeout }).strict()),
  'containers.kill': method<void>()(
    z
      .object({
        id: objectRef,
        signal: z
          .string()
          .regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, 'is not a signal name')
          .optional(),
      })
      .strict(),
  ),
  'containers.pause': method<void>()(id),
  'containers.unpause': method<void>()(id),
  'containers.rename': method<void>()(z.object({ id: objectRef, name: objectName }).strict()),
  'containers.remove': method<void>()(
    z.object({ id: objectRef, force: z.boolean().default(false), volumes: z.boolean().default(false) }).strict(),
  ),
  'containers.prune': method<{ removed: PruneItem[]; spaceReclaimed: number }>()(
    z.object({ labels: labelFilters }).strict(),
  ),
  'containers.top': method<ProcessList>()(z.object({ id: objectRef, psArgs: z.string().max(200).optional() }).strict()),
  'containers.commit': method<{ id: string }>()(
    z
      .object({
        id: objectRef,
        /** Reference for the new image, e.g. "myapp:snapshot". */
        reference: z.string().min(1).optional(),
        comment: z.string().optional(),
        author: z.string().optional(),
        pause: z.boolean().default(true),
        /** Dockerfile instructions applied to the image, e.g. 'CMD ["sh"]'. */
        changes: specList(z.string()).default([]),
      })
      .strict(),
  ),
  /** Change limits of a container, running or not (`docker update`). */
  'containers.update': method<{ warnings: string[] }>()(
    z
      .object({
        id: objectRef,
        /** `--memory` syntax, e.g. "512m". */
        memory: z.string().optional(),
        /** `--memory-swap` syntax: memory plus swap, e.g. "1g", or "-1" for unlimited swap. */
        memorySwap: z.string().optional(),
        /** `--cpus` syntax, e.g. "1.5". */
        cpus: z.string().optional(),
        /** Relative CPU weight (`--cpu-shares`); the engine's default is 1024. */
        cpuShares: z
          .number()
          .int('must be a whole number')
          .min(2, 'must be at least 2')
          .max(262_144, 'must be at most 262144')
          .optional(),
        restartPolicy: restartPolicyName.optional(),
        restartMaxRetries: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  /** Copy a file or folder out of a container into a host folder (like `docker cp ctr:path dir`). */
  'containers.copyFrom': method<{ hostPath: string }>()(
    z.object({ id: objectRef, path: containerPath, hostDir: hostPath }).strict(),
  ),
  /** Copy a host file or folder into a container folder (like `docker cp path ctr:dir`). */
  'containers.copyTo': method<void>()(z.object({ id: objectRef, hostPath, path: containerPath }).strict()),
  /** The direct children of `path` in a running container (no ".."), folders first, then by name. */
  'containers.files': method<FileEntry[]>()(z.object({ id: objectRef, path: containerPath.default('/') }).strict()),
} as const;
