// Build methods: start a BuildKit build (classic builder where there is none), cancel it, its history, stages.
import { z } from 'zod';
import { method } from '../define';
import type { BuildRecord, BuildSummary, DockerfileStages } from '../dto/builds';
import { hostPath, noArgs } from './common';

export const buildId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a build id');

/** A path inside the context folder, relative, without ".." segments. */
const contextRelativePath = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(1024, 'is too long')
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p), 'must be relative to the context folder')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'must stay inside the context folder');

/** repository[:tag] as `docker build -t` takes it. */
const tag = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(512, 'is too long')
  .regex(/^[a-z0-9][a-z0-9._\-/:]*$/, 'must be a lowercase repository[:tag], e.g. "app:1.0"');

const argName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be letters, digits or "_", not starting with a digit')
  .max(255, 'is too long');

const stageName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a stage name: letters, digits, "_", "." or "-"')
  .max(128, 'is too long');

/** A BuildKit secret for `RUN --mount=type=secret,id=…`: from a file or an environment variable of the CLI. */
export const buildSecret = z.union([
  z.object({ id: argName, file: hostPath }).strict(),
  z.object({ id: argName, env: argName }).strict(),
]);

export const buildRequest = z
  .object({
    /** The context folder. */
    context: hostPath,
    /** Relative to the context. */
    dockerfile: contextRelativePath.default('Dockerfile'),
    tags: z.array(tag).max(32, 'must have at most 32 tags').default([]),
    buildArgs: z.record(argName, z.string().max(128 * 1024, 'is too long')).default({}),
    target: stageName.optional(),
    secrets: z
      .array(buildSecret)
      .max(32, 'must have at most 32 secrets')
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'must not repeat a secret id')
      .default([]),
    noCache: z.boolean().default(false),
    pull: z.boolean().default(false),
  })
  .strict();

export type BuildRequest = z.output<typeof buildRequest>;
export type BuildRequestInput = z.input<typeof buildRequest>;

const byId = z.object({ id: buildId }).strict();

export const buildMethods = {
  /** Starts a build and answers at once with its id; its progress arrives as `builds.progress` events. */
  'builds.start': method<{ id: string }>()(buildRequest),
  /** Stops a running build (the CLI as Ctrl-C would); true when there was one. */
  'builds.cancel': method<{ cancelled: boolean }>()(byId),
  /** The builds Berth made, newest first, and any running now. */
  'builds.list': method<BuildSummary[]>()(noArgs),
  /** One build with its steps and log. */
  'builds.get': method<BuildRecord>()(byId),
  /** Drops a finished build from the history. */
  'builds.remove': method<void>()(byId),
  /** The named stages of a context's Dockerfile, for the target field. */
  'builds.stages': method<DockerfileStages>()(
    z.object({ context: hostPath, dockerfile: contextRelativePath.default('Dockerfile') }).strict(),
  ),
} as const;
