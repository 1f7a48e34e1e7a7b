// Keeps a compose project's following merged logs whole: a service container that starts joins the session, one
// that starts again is read again.
import type { Stack } from '../contract/dto/stacks';
import type { EngineEvent } from '../contract/dto/system';
import type { LogSource } from '../engine/merged-logs-session';
import { COMPOSE_LABEL } from './compose-labels';
import { membersOf, type StackLogMember, type StackLogSources } from './stack-log-sources';

/** Subscribes to the engine's events; returns the unsubscribe. */
export type EngineEvents = (listener: (event: EngineEvent) => void) => () => void;

/** What the follower needs of a merged logs session. */
export interface JoinableLogs {
  join(sources: readonly LogSource[]): void;
  resume(id: string): void;
  onClosed(listener: () => void): void;
}

/** The service container of `project` that `event` says started, if it says that. */
export function startedMember(event: EngineEvent, project: string): StackLogMember | undefined {
  const labels = event.attributes;
  if (event.type !== 'container' || event.action !== 'start') return undefined;
  if (labels[COMPOSE_LABEL.project] !== project || labels[COMPOSE_LABEL.oneoff] === 'True') return undefined;
  const service = labels[COMPOSE_LABEL.service];
  return service ? { id: event.id, service, number: Number(labels[COMPOSE_LABEL.number] ?? 0) || 0 } : undefined;
}

/**
 * Until `session` ends or closes, every service container of `project` that starts joins it, or, when it is one of
 * its sources already (a restart), is read again from where it stopped. `current` reads the project once after
 * subscribing, for a container that started between the first read and then.
 */
export function followStackLogs(
  events: EngineEvents,
  project: string,
  sources: StackLogSources,
  session: JoinableLogs,
  current: () => Promise<Stack>,
): void {
  const off = events((event) => {
    const member = startedMember(event, project);
    if (!member) return;
    if (sources.add(member)) session.join(sources.sources);
    else session.resume(member.id);
  });
  session.onClosed(off);
  void current().then(
    (stack) => {
      let added = false;
      for (const member of membersOf(stack)) added = sources.add(member) || added;
      if (added) session.join(sources.sources);
    },
    () => undefined,
  );
}
