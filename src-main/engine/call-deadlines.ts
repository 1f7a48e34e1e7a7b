// Gives every engine call a deadline: a plain call its whole answer, a stream or hijacked call the start of its answer.
import type Dockerode from 'dockerode';
import type { DialCallback, DialOptions, ModemLike } from './modem-dial';

export interface CallDeadlines {
  /** A plain call's whole answer, in ms. */
  callMs: number;
  /** A stream's or an attach's answer headers (its first byte), in ms; the stream itself may then run for ever. */
  streamStartMs: number;
}

export const DEFAULT_CALL_DEADLINES: CallDeadlines = { callMs: 60_000, streamStartMs: 15_000 };

/** Calls that may rightly take as long as they like: waiting for a container to exit, and uploads. */
function unbounded(options: DialOptions): boolean {
  return /^\/containers\/[^/]+\/wait/.test(options.path) || options.file !== undefined;
}

/** `docker` with every call bounded (changes its modem in place and returns it). */
export function withCallDeadlines(docker: Dockerode, deadlines: CallDeadlines = DEFAULT_CALL_DEADLINES): Dockerode {
  const modem = docker.modem as unknown as ModemLike;
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    if (unbounded(options)) return dial(options, callback);
    const limitMs = options.isStream || options.hijack ? deadlines.streamStartMs : deadlines.callMs;
    const late = () =>
      new Error(
        `The Docker Engine did not answer ${options.method} ${options.path.split('?')[0]} within ${limitMs / 1000} s`,
      );
    // The caller hears once: the answer, or the deadline even when the modem never calls back after an abort
    // (an answer cut off mid-body leaves docker-modem waiting for an end that never comes).
    let answered = false;
    const answer: DialCallback = (error, data) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      callback(error, data);
    };
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort();
      answer(late());
    }, limitMs);
    options.abortSignal = options.abortSignal
      ? AbortSignal.any([options.abortSignal, deadline.signal])
      : deadline.signal;
    dial(options, (error, data) => answer(error && deadline.signal.aborted ? late() : error, data));
  };
  return docker;
}
