// The live events feed's buffer and wording: newest first, bounded, each event with a key, a name and a link.
import type { EngineEvent } from '../../../../src-main/contract/dto/system';
import { shortId } from '../../format';

/** How many events the feed keeps. */
export const FEED_LIMIT = 500;

export interface FeedEntry {
  /** Unique and increasing, for table keys. */
  key: string;
  event: EngineEvent;
}

/** `entries` with `added` (oldest first) put on top, cut to `limit`. */
export function prependEvents(entries: FeedEntry[], added: FeedEntry[], limit = FEED_LIMIT): FeedEntry[] {
  return [...added.slice().reverse(), ...entries].slice(0, limit);
}

/** What to call the event's object: its name, a volume's name, or a short id. */
export function eventObjectName(event: EngineEvent): string {
  if (event.name) return event.name;
  if (event.type === 'volume') return event.id.length === 64 ? shortId(event.id) : event.id;
  if (event.type === 'network' && event.attributes.name) return event.attributes.name;
  return /^(sha256:)?[0-9a-f]{64}$/.test(event.id) ? shortId(event.id) : event.id;
}

/** The page that shows the event's object, when Berth has one and the object still may exist. */
export function eventLink(event: EngineEvent): string | undefined {
  if (event.action === 'destroy' || event.action === 'delete' || event.action === 'prune' || !event.id)
    return undefined;
  if (event.type === 'container') return `/containers/${event.id}`;
  if (event.type === 'volume') return `/volumes/${encodeURIComponent(event.id)}`;
  if (event.type === 'network') return `/networks/${event.id}`;
  return undefined;
}

/** "health_status: healthy" → "health status: healthy"; "exec_start: sh" → "exec start". */
export function eventAction(event: EngineEvent): string {
  const [verb = '', ...rest] = event.action.split(': ');
  const words = verb.replace(/_/g, ' ');
  return verb.startsWith('exec_') ? words : [words, ...rest].join(': ');
}

/** "14:03:07" in local time, from unix milliseconds. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour12: false });
}
