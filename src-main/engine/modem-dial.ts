// The part of docker-modem's dial that Berth wraps (deadlines, answer checks): its options and its callback.
export interface DialOptions {
  path: string;
  method: string;
  isStream?: boolean;
  hijack?: boolean;
  file?: unknown;
  abortSignal?: AbortSignal;
}
export type DialCallback = (error: Error | null, data?: unknown) => void;
export interface ModemLike {
  dial(options: DialOptions, callback: DialCallback): void;
}
