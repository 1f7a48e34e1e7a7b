// Stream methods: logs, stats, exec and host terminal sessions owned by main, each closed explicitly.
import { z } from 'zod';
import { method } from '../define';
import type { LogBatch, SessionHandle, StatsSample } from '../dto/streams';
import { envEntry, objectRef, sessionId, specList } from './common';

const session = z.object({ session: sessionId }).strict();
const terminalSize = { cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) };

export const logsRequest = z
  .object({
    id: objectRef,
    follow: z.boolean().default(true),
    /** Last N lines; omit for all. */
    tail: z.number().int().min(0).optional(),
    /** Unix seconds, or a duration like "10m" (relative to now). */
    since: z
      .union([z.number().int().min(0), z.string().regex(/^\d+(\.\d+)?[smhd]$/, 'must be like 30s, 10m, 2h or 1d')])
      .optional(),
    timestamps: z.boolean().default(false),
  })
  .strict();

export type LogsRequest = z.output<typeof logsRequest>;

export const execRequest = z
  .object({
    id: objectRef,
    cmd: specList(z.string()).min(1, 'needs a command'),
    tty: z.boolean().default(true),
    user: z.string().optional(),
    workingDir: z.string().optional(),
    env: specList(envEntry).default([]),
    ...terminalSize,
  })
  .partial({ cols: true, rows: true })
  .strict();

export type ExecRequest = z.output<typeof execRequest>;

export const streamMethods = {
  'logs.open': method<SessionHandle>()(logsRequest),
  /** Lines kept in the session's ring buffer, for a view that attaches late. */
  'logs.replay': method<LogBatch>()(session),
  'logs.close': method<void>()(session),
  'stats.open': method<SessionHandle>()(z.object({ id: objectRef }).strict()),
  'stats.replay': method<StatsSample[]>()(session),
  'stats.close': method<void>()(session),
  'exec.open': method<SessionHandle>()(execRequest),
  'exec.input': method<void>()(z.object({ session: sessionId, data: z.string().max(1024 * 1024) }).strict()),
  'exec.resize': method<void>()(z.object({ session: sessionId, ...terminalSize }).strict()),
  'exec.replay': method<string>()(session),
  'exec.close': method<void>()(session),
  /** A shell on the user's own computer, with DOCKER_HOST set to Berth's engine. */
  'terminal.open': method<SessionHandle>()(z.object(terminalSize).strict()),
  'terminal.input': method<void>()(z.object({ session: sessionId, data: z.string().max(1024 * 1024) }).strict()),
  'terminal.resize': method<void>()(z.object({ session: sessionId, ...terminalSize }).strict()),
  'terminal.replay': method<string>()(session),
  'terminal.close': method<void>()(session),
} as const;
