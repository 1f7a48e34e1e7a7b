// Electron IPC channel names: one per method and one per event, all derived here.
import type { MethodName } from './api';
import type { EventName } from './events';

export const callChannel = (method: MethodName): string => `berth:call:${method}`;
export const eventChannel = (event: EventName): string => `berth:event:${event}`;
