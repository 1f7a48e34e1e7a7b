import { describe, expect, it } from 'vitest';
import type { MachineState, MachineStatus } from '../../../src-main/contract/dto/machine';
import type { EngineEvent } from '../../../src-main/contract/dto/system';
import { notificationFor, RequestedStops, type NotificationSource } from '../../../src-main/core/notifications';

function containerEvent(action: string, attributes: Record<string, string> = {}, id = 'c0ffee1234567890'): EngineEvent {
  const event: EngineEvent = { type: 'container', action, id, attributes, time: 1_700_000_000_000 };
  if (attributes.name) event.name = attributes.name;
  return event;
}

const died = (
  exitCode: string,
  extra: Record<string, string> = {},
): Extract<NotificationSource, { kind: 'engine-event' }> => ({
  kind: 'engine-event',
  event: containerEvent('die', { name: 'web-1', image: 'nginx:1.27', exitCode, ...extra }),
});

const change = (previous: MachineStatus, current: MachineStatus): NotificationSource => ({
  kind: 'machine-status',
  previous,
  current,
});

describe('notificationFor: containers', () => {
  it('tells of a container killed with code 137', () => {
    expect(notificationFor(died('137'), true)).toEqual({
      title: 'web-1 exited with code 137',
      body: 'It was killed (SIGKILL), often for running out of memory.\nImage: nginx:1.27',
    });
  });

  it('names the signal behind codes above 128', () => {
    expect(notificationFor(died('139'), true)).toEqual({
      title: 'web-1 exited with code 139',
      body: 'It was ended by SIGSEGV.\nImage: nginx:1.27',
    });
  });

  it('tells of a plain non-zero exit code with the image', () => {
    expect(notificationFor(died('1'), true)).toEqual({ title: 'web-1 exited with code 1', body: 'Image: nginx:1.27' });
  });

  it('falls back to the short id and a hint when the event has no name or image', () => {
    const source: NotificationSource = { kind: 'engine-event', event: containerEvent('die', { exitCode: '2' }) };
    expect(notificationFor(source, true)).toEqual({
      title: 'c0ffee123456 exited with code 2',
      body: 'Its logs in Berth may say why.',
    });
  });

  it('says nothing for exit code 0, a missing code, or other actions and objects', () => {
    expect(notificationFor(died('0'), true)).toBeUndefined();
    expect(notificationFor(died(''), true)).toBeUndefined();
    const stop: NotificationSource = { kind: 'engine-event', event: containerEvent('stop', { exitCode: '1' }) };
    expect(notificationFor(stop, true)).toBeUndefined();
    const image: NotificationSource = {
      kind: 'engine-event',
      event: { type: 'image', action: 'die', id: 'x', attributes: { exitCode: '1' }, time: 0 },
    };
    expect(notificationFor(image, true)).toBeUndefined();
  });

  it('says nothing for a stop the user asked for', () => {
    expect(notificationFor({ ...died('143'), requested: true }, true)).toBeUndefined();
  });

  it('says nothing when notifications are off', () => {
    expect(notificationFor(died('137'), false)).toBeUndefined();
  });
});

describe('notificationFor: the engine', () => {
  it('tells when a running engine fails, with the reason', () => {
    expect(
      notificationFor(
        change({ state: 'running' }, { state: 'error', reason: 'QEMU exited with signal SIGKILL' }),
        true,
      ),
    ).toEqual({ title: 'Engine stopped', body: 'The engine stopped unexpectedly: QEMU exited with signal SIGKILL' });
  });

  it('tells when a running (or paused) engine stops on its own', () => {
    expect(
      notificationFor(
        change({ state: 'running', paused: true }, { state: 'stopped', reason: 'the VM powered off' }),
        true,
      ),
    ).toEqual({ title: 'Engine stopped', body: 'The engine stopped unexpectedly: the VM powered off' });
    expect(notificationFor(change({ state: 'running' }, { state: 'stopped' }), true)).toEqual({
      title: 'Engine stopped',
      body: 'The engine stopped unexpectedly.',
    });
  });

  it('says nothing for a stop the user asked for (it passes through stopping)', () => {
    expect(notificationFor(change({ state: 'running' }, { state: 'stopping' }), true)).toBeUndefined();
    expect(notificationFor(change({ state: 'stopping' }, { state: 'stopped' }), true)).toBeUndefined();
  });

  it('says nothing for any other change', () => {
    const states: MachineState[] = ['stopped', 'starting', 'running', 'stopping', 'error'];
    for (const from of states) {
      for (const to of states) {
        if (from === 'running' && (to === 'stopped' || to === 'error')) continue;
        expect(notificationFor(change({ state: from }, { state: to, reason: 'r' }), true), `${from} → ${to}`).toBe(
          undefined,
        );
      }
    }
  });

  it('says nothing when notifications are off', () => {
    expect(notificationFor(change({ state: 'running' }, { state: 'error', reason: 'gone' }), false)).toBeUndefined();
  });
});

describe('RequestedStops', () => {
  it('marks the death that follows a kill (docker stop, docker kill) as requested, once', () => {
    const stops = new RequestedStops();
    expect(stops.observe(containerEvent('kill', { signal: '15' }))).toBe(false);
    expect(stops.observe(containerEvent('die', { exitCode: '143' }))).toBe(true);
    expect(stops.observe(containerEvent('die', { exitCode: '1' }))).toBe(false);
  });

  it('does not mark a crash, nor another container, as requested', () => {
    const stops = new RequestedStops();
    expect(stops.observe(containerEvent('oom'))).toBe(false);
    stops.observe(containerEvent('kill', {}, 'other'));
    expect(stops.observe(containerEvent('die', { exitCode: '137' }))).toBe(false);
  });

  it('forgets a kill once the container starts again or is removed', () => {
    const stops = new RequestedStops();
    stops.observe(containerEvent('kill', { signal: '1' }));
    stops.observe(containerEvent('start'));
    expect(stops.observe(containerEvent('die', { exitCode: '1' }))).toBe(false);
    stops.observe(containerEvent('kill'));
    stops.observe(containerEvent('destroy'));
    expect(stops.observe(containerEvent('die', { exitCode: '1' }))).toBe(false);
  });

  it('ignores events about other objects', () => {
    const stops = new RequestedStops();
    stops.observe({ type: 'network', action: 'kill', id: 'c0ffee1234567890', attributes: {}, time: 0 });
    expect(stops.observe(containerEvent('die', { exitCode: '1' }))).toBe(false);
  });
});
