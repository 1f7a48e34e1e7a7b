// Compose stack methods: projects from their labels, the CLI's preview and plan, up, down and the other actions.
import { z } from 'zod';
import { method } from '../define';
import type { ComposeAvailability, Stack, StackLogsHandle, StackPreview, StackRemoval } from '../dto/stacks';
import { hostPath, noArgs, operationId } from './common';
import { logsRequest } from './streams';

/** A compose project name as compose accepts it. */
export const projectName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "_" or "-", starting with a letter or digit')
  .max(128, 'is too long');

/** A service or profile name as compose accepts it. */
const serviceName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be letters, digits, "_", "." or "-", starting with a letter or digit')
  .max(128, 'is too long');

export const composeFiles = z
  .object({
    files: z.array(hostPath).min(1, 'needs a compose file').max(16),
    workingDir: hostPath.optional(),
    envFiles: z.array(hostPath).max(8).default([]),
    profiles: z.array(serviceName).max(16).default([]),
    projectName: projectName.optional(),
  })
  .strict();

const stack = { name: projectName };
const services = z.array(serviceName).max(256).default([]);

export const stackMethods = {
  /** Every compose project on the engine, from its containers' labels. */
  'stacks.list': method<Stack[]>()(noArgs),
  'stacks.inspect': method<Stack>()(z.object(stack).strict()),
  /** Whether the compose CLI (v2) can run where the engine is, and which version. */
  'stacks.compose': method<ComposeAvailability>()(noArgs),
  /** What up would create (`compose config`), and for a project that exists what it would change (`up --dry-run`). */
  'stacks.preview': method<StackPreview>()(composeFiles),
  /** `compose up -d`; the CLI's lines arrive as `stacks.output` events for `operation`. */
  'stacks.up': method<Stack>()(composeFiles.extend({ services, operation: operationId.optional() }).strict()),
  /** What down would remove, to list in its confirmation. */
  'stacks.removal': method<StackRemoval>()(z.object({ ...stack, volumes: z.boolean().default(false) }).strict()),
  /** `compose down` (with `--volumes` when asked); returns what was removed. */
  'stacks.down': method<StackRemoval>()(
    z.object({ ...stack, volumes: z.boolean().default(false), operation: operationId.optional() }).strict(),
  ),
  /** start, stop, restart, pull or build, for all services or the ones named. */
  'stacks.run': method<Stack>()(
    z
      .object({
        ...stack,
        action: z.enum(['start', 'stop', 'restart', 'pull', 'build']),
        services,
        operation: operationId.optional(),
      })
      .strict(),
  ),
  /** `compose up -d --no-recreate --no-deps --scale service=replicas service`: the other services keep their scale. */
  'stacks.scale': method<Stack>()(
    z
      .object({
        ...stack,
        service: serviceName,
        replicas: z.number().int().min(0).max(100),
        operation: operationId.optional(),
      })
      .strict(),
  ),
  /** `compose up -d --force-recreate --no-deps service`. */
  /**
   * The logs of every service container (one-offs left out) as one session, merged in timestamp order; each
   * line's `sources` entry indexes the handle's `sources`. `tail` counts per container. Closed with `logs.close`,
   * replayed with `logs.replay`.
   */
  'stacks.logs': method<StackLogsHandle>()(
    logsRequest
      .omit({ id: true })
      .extend({ ...stack, timestamps: z.boolean().default(true) })
      .strict(),
  ),
  'stacks.recreate': method<Stack>()(
    z.object({ ...stack, service: serviceName, operation: operationId.optional() }).strict(),
  ),
} as const;
