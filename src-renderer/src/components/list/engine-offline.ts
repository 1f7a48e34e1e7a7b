// What a page says while the engine does not answer: why actions are off, and how old the list on screen is. Pure.
import type { EngineStatus } from '../../../../src-main/contract/dto/system';

/** Why an action that needs the engine cannot run now; undefined while it is connected. */
export function offlineReason(status: EngineStatus): string | undefined {
  if (status.state === 'connected') return undefined;
  if (status.state === 'reconnecting') return 'The engine is not answering; Berth is reconnecting to it.';
  return status.error ? `Not connected to the engine: ${status.error}` : 'Not connected to the engine.';
}

/**
 * "Showing the last known list, from 21:03:12. …" for what was fetched at `updatedAt` (ms). `what` names it ("the
 * last known list", "this container as it last was"); without a time, a page that knows nothing says so.
 */
export function staleNotice(updatedAt: number | undefined, what = 'the last known list', now = Date.now()): string {
  const back = 'It refreshes by itself when the engine is back.';
  if (updatedAt === undefined)
    return what === 'the last known list' ? 'Nothing is shown until the engine answers.' : `Showing ${what}. ${back}`;
  const when = new Date(updatedAt);
  const sameDay = new Date(now).toDateString() === when.toDateString();
  const time = sameDay ? when.toLocaleTimeString() : when.toLocaleString();
  return `Showing ${what}, from ${time}. ${back}`;
}
