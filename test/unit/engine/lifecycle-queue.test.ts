// The lifecycle queue: at most its limit of container create/start/stop/remove calls in flight, first come first sent.
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src-main/engine/errors';
import { withLifecycleQueue } from '../../../src-main/engine/lifecycle-queue';
import type { DialCallback, DialOptions } from '../../../src-main/engine/modem-dial';

/** A modem whose calls are answered when the test says so; what it was sent, in order. */
function heldModem() {
  const sent: Array<{ options: DialOptions; answer: () => void }> = [];
  const modem = {
    dial(options: DialOptions, callback: DialCallback) {
      sent.push({ options, answer: () => callback(null, options.path) });
    },
  };
  const docker = withLifecycleQueue({ modem } as unknown as Dockerode, 2);
  const call = (method: string, path: string, abortSignal?: AbortSignal) =>
    new Promise<unknown>((resolve, reject) =>
      (docker.modem as unknown as typeof modem).dial({ method, path, abortSignal }, (error, data) =>
        error ? reject(error) : resolve(data),
      ),
    );
  return { sent, call };
}

describe('withLifecycleQueue', () => {
  it('sends two lifecycle calls at once and the next as each is answered, in the order asked', async () => {
    const { sent, call } = heldModem();
    const answers = ['a', 'b', 'c', 'd'].map((id) => call('POST', `/containers/${id}/start`));
    expect(sent.map((s) => s.options.path)).toEqual(['/containers/a/start', '/containers/b/start']);
    sent[1]?.answer();
    expect(await answers[1]).toBe('/containers/b/start');
    expect(sent.map((s) => s.options.path)).toEqual([
      '/containers/a/start',
      '/containers/b/start',
      '/containers/c/start',
    ]);
    sent[0]?.answer();
    sent[2]?.answer();
    expect(sent).toHaveLength(4);
    sent[3]?.answer();
    expect(await Promise.all(answers)).toHaveLength(4);
  });

  it('queues create, stop, kill and remove too, but never reads, streams or waits', () => {
    const { sent, call } = heldModem();
    void call('POST', '/containers/create?name=x');
    void call('DELETE', '/containers/x?force=true');
    void call('POST', '/containers/x/kill');
    void call('GET', '/containers/json');
    void call('POST', '/containers/x/wait');
    void call('GET', '/containers/x/json');
    expect(sent.map((s) => `${s.options.method} ${s.options.path}`)).toEqual([
      'POST /containers/create?name=x',
      'DELETE /containers/x?force=true',
      'GET /containers/json',
      'POST /containers/x/wait',
      'GET /containers/x/json',
    ]);
  });

  it('drops a queued call that is cancelled, with a message, and sends the one after it', async () => {
    const { sent, call } = heldModem();
    void call('POST', '/containers/a/stop');
    void call('POST', '/containers/b/stop');
    const abort = new AbortController();
    const cancelled = call('POST', '/containers/c/stop', abort.signal);
    void call('POST', '/containers/d/stop');
    abort.abort();
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    await expect(cancelled).rejects.toThrow('POST /containers/c/stop was cancelled before it was sent');
    sent[0]?.answer();
    expect(sent.map((s) => s.options.path)).toEqual(['/containers/a/stop', '/containers/b/stop', '/containers/d/stop']);
  });

  it('refuses at once a call whose signal was already aborted, leaving the queue as it was', async () => {
    const { sent, call } = heldModem();
    void call('POST', '/containers/a/start');
    void call('POST', '/containers/b/start');
    void call('POST', '/containers/c/start');
    const abort = new AbortController();
    abort.abort();
    await expect(call('POST', '/containers/d/start', abort.signal)).rejects.toBeInstanceOf(CancelledError);
    sent[0]?.answer();
    expect(sent.map((s) => s.options.path)).toEqual([
      '/containers/a/start',
      '/containers/b/start',
      '/containers/c/start',
    ]);
  });
});
