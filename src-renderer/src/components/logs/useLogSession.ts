// A logs session (a container's, or a compose project's merged one) feeding a LogStore: open/replace/resume/close, data matched to the session, throttled redraws.
import { getCurrentScope, markRaw, onScopeDispose, ref, shallowRef } from 'vue';
import type { LogBatch, LogLine } from '../../../../src-main/contract/dto/streams';
import { fromLogBatch, toLogBatch } from '../../../../src-main/contract/log-batch';
import type { LogsRequest } from '../../../../src-main/contract/methods/streams';
import { berth } from '../../api';
import { LogStore } from './log-store';
import { isAfter, unixSeconds } from './log-time';

export type LogSessionStatus = 'idle' | 'opening' | 'live' | 'ended' | 'error';

/** What `logs.open` takes besides the container. */
export type LogsOptions = Omit<Partial<LogsRequest>, 'id'>;

/** Opens a session: by default the container's (`logs.open`); a merged one (`stacks.logs`) names its sources. */
export type LogOpener = (request: LogsOptions) => Promise<{ session: string; sources?: string[] }>;

/** What changed in the store: emptied, or lines added (`dropped` old lines removed to make room). */
export type StoreChange = { cleared: true } | { cleared: false; dropped: number };
export type ChangeListener = (change: StoreChange) => void;

/** Least time between two redraws, in milliseconds; BUSY_REDRAW_MS while lines pour in (nobody reads that fast). */
export const REDRAW_MS = 50;
export const BUSY_REDRAW_MS = 250;
/** More lines than this between two redraws means lines pour in. */
const BUSY_LINES = 1000;

const nextFrame: (callback: () => void) => void =
  typeof requestAnimationFrame === 'function' ? (cb) => requestAnimationFrame(cb) : (cb) => setTimeout(cb, 16);

/**
 * Lines go straight into a plain LogStore (no reactive object per line); `version` changes at most once
 * per REDRAW_MS (less often while lines pour in), on an animation frame, to redraw. Data that arrives before `logs.open` has answered is kept for the
 * session it names, so nothing is lost to the race.
 */
export function useLogSession(containerId: () => string, options: { store?: LogStore; open?: LogOpener } = {}) {
  const store = markRaw(options.store ?? new LogStore());
  const openSession: LogOpener =
    options.open ?? ((request) => berth.call('logs.open', { id: containerId(), follow: true, ...request }));
  /**
   * A merged session's sources (the names its lines' source indices point to), as opened and then as batches
   * update them (a container joined); empty for a container's.
   */
  const sources = shallowRef<readonly string[]>([]);
  const version = shallowRef(0);
  const status = ref<LogSessionStatus>('idle');
  const error = ref<string>();
  /** Every line the log held when the session opened has arrived (or the session ended). */
  const caughtUp = ref(false);
  const listeners = new Set<ChangeListener>();
  let session: string | undefined;
  /** Bumped by every open and close; an open that is no longer the latest closes what it opened. */
  let generation = 0;
  let opening = 0;
  let keep: ((line: LogLine) => LogLine | undefined) | undefined;
  const early = new Map<string, { batches: LogBatch[]; ended?: { error?: string } }>();
  let framePending = false;
  let lastRedraw = 0;
  let linesSinceRedraw = 0;
  let busy = false;

  /** Bumps `version` on an animation frame, at most once per REDRAW_MS (BUSY_REDRAW_MS while busy). */
  function redraw(added: number): void {
    linesSinceRedraw += added;
    if (framePending) return;
    framePending = true;
    const wait = Math.max(0, lastRedraw + (busy ? BUSY_REDRAW_MS : REDRAW_MS) - Date.now());
    setTimeout(
      () =>
        nextFrame(() => {
          framePending = false;
          lastRedraw = Date.now();
          busy = linesSinceRedraw > BUSY_LINES;
          linesSinceRedraw = 0;
          version.value++;
        }),
      wait,
    );
  }

  function take(batch: LogBatch): void {
    if (batch.caughtUp) caughtUp.value = true;
    if (batch.sourceNames) sources.value = batch.sourceNames;
    // A filter (only while resuming after a restart) needs lines as objects; the usual path stays columnar.
    const kept = keep ? toLogBatch(fromLogBatch(batch).flatMap((l) => keep!(l) ?? [])) : batch;
    if (kept.lines.length === 0) return;
    const dropped = store.append(kept);
    for (const listener of listeners) listener({ cleared: false, dropped });
    redraw(kept.lines.length);
  }

  function end(message: string | undefined): void {
    caughtUp.value = true;
    status.value = message ? 'error' : 'ended';
    error.value = message;
  }

  /** What arrived for a session not known yet, while an open is waiting for its answer. */
  function earlyFor(id: string) {
    let entry = early.get(id);
    if (!entry) early.set(id, (entry = { batches: [] }));
    return entry;
  }

  const offData = berth.on('logs.data', (payload) => {
    if (payload.session === session) take(payload);
    else if (opening > 0) earlyFor(payload.session).batches.push(payload);
  });
  const offEnd = berth.on('logs.end', (payload) => {
    if (payload.session === session) end(payload.error);
    else if (opening > 0) earlyFor(payload.session).ended = { error: payload.error };
  });

  function closeCurrent(): void {
    generation++;
    const id = session;
    session = undefined;
    if (id) void berth.call('logs.close', { session: id }).catch(() => undefined);
  }

  async function open(request: LogsOptions, filter?: (line: LogLine) => LogLine | undefined): Promise<void> {
    closeCurrent();
    const mine = generation;
    keep = filter;
    caughtUp.value = false;
    status.value = 'opening';
    error.value = undefined;
    opening++;
    try {
      const { session: id, sources: names = [] } = await openSession(request);
      if (mine !== generation) {
        void berth.call('logs.close', { session: id }).catch(() => undefined);
        return;
      }
      session = id;
      sources.value = names;
      status.value = 'live';
      const waiting = early.get(id);
      for (const batch of waiting?.batches ?? []) take(batch);
      if (waiting?.ended) end(waiting.ended.error);
    } catch (e) {
      if (mine === generation) end(e instanceof Error ? e.message : String(e));
    } finally {
      if (--opening === 0) early.clear();
    }
  }

  /** Replaces what is shown with the history `request` asks for, then follows. */
  function load(request: LogsOptions): Promise<void> {
    store.reset();
    changed({ cleared: true });
    return open(request);
  }

  /**
   * After the container ran again: follows the new run, appending. `after` is when the previous run
   * finished (RFC 3339; undefined when it never ran): lines up to then are already shown. `since` has
   * whole seconds only, so the session drops the lines at or before `after` by their timestamps.
   */
  function resume(after: string | undefined): Promise<void> {
    const since = after === undefined ? undefined : unixSeconds(after);
    return open({ ...(since === undefined ? {} : { since }), timestamps: true }, (line) =>
      after !== undefined && !isAfter(line.timestamp, after) ? undefined : line,
    );
  }

  function changed(change: StoreChange): void {
    for (const listener of listeners) listener(change);
    version.value++;
  }

  /** Empties the view; the session goes on. */
  function clear(): void {
    store.clear();
    changed({ cleared: true });
  }

  /** Subscribes to store changes (the search follows them). */
  function onChange(listener: ChangeListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function dispose(): void {
    closeCurrent();
    offData();
    offEnd();
    listeners.clear();
  }

  if (getCurrentScope()) onScopeDispose(dispose);
  return { store, version, status, error, caughtUp, sources, load, resume, clear, onChange, dispose };
}

export type LogSession = ReturnType<typeof useLogSession>;
