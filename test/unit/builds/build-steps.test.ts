// The step model from BuildKit's solve status: state per step, log lines from base64 chunks, deltas, counts, failure.
import { describe, expect, it } from 'vitest';
import { BuildSteps, exitCodeOf } from '../../../src-main/builds/build-steps';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:00:01.5Z';

describe('BuildSteps', () => {
  it('tracks each vertex, its log lines across chunks, and prints the raw log as plain progress would', () => {
    const steps = new BuildSteps();
    const raw = [
      ...steps.apply({ vertexes: [{ digest: 'r', name: '[build 2/3] RUN make', started: T0 }] }),
      ...steps.apply({ logs: [{ vertex: 'r', data: b64('compil') }] }),
      ...steps.apply({ logs: [{ vertex: 'r', data: b64('ing\r\ndone\n') }] }),
      ...steps.apply({ vertexes: [{ digest: 'r', name: '[build 2/3] RUN make', started: T0, completed: T1 }] }),
      ...steps.apply({ vertexes: [{ digest: 'f', name: '[build 1/3] FROM busybox', cached: true }] }),
    ];
    expect(raw).toEqual([
      '#1 [build 2/3] RUN make',
      '#1 compiling',
      '#1 done',
      '#1 DONE 1.5s',
      '#2 [build 1/3] FROM busybox',
      '#2 CACHED',
    ]);
    const [run, from] = [steps.all().find((s) => s.id === 'r')!, steps.all().find((s) => s.id === 'f')!];
    expect(run).toMatchObject({ kind: 'instruction', cached: false, completed: T1, logs: ['compiling', 'done'] });
    expect(from.kind).toBe('base');
    expect(steps.counts()).toEqual({ cachedSteps: 0, totalSteps: 1 });
  });

  it('hands out only what changed since the last look, with only the new lines', () => {
    const steps = new BuildSteps();
    steps.apply({
      vertexes: [
        { digest: 'a', name: '[1/2] RUN a' },
        { digest: 'b', name: '[2/2] RUN b' },
      ],
    });
    steps.apply({ logs: [{ vertex: 'a', data: b64('one\n') }] });
    expect(steps.takeChanges().map((d) => [d.id, d.logs])).toEqual([
      ['a', ['one']],
      ['b', []],
    ]);
    steps.apply({ logs: [{ vertex: 'a', data: b64('two\n') }] });
    expect(steps.takeChanges().map((d) => [d.id, d.logs])).toEqual([['a', ['two']]]);
    expect(steps.takeChanges()).toEqual([]);
  });

  it('names the failing step with its exit code and last lines, not a step cancelled because of it', () => {
    const steps = new BuildSteps();
    steps.apply({ vertexes: [{ digest: 'o', name: '[a 2/2] RUN other', error: 'context canceled' }] });
    steps.apply({ logs: [{ vertex: 'f', data: b64('about to fail\n') }] });
    const error = 'process "/bin/sh -c exit 3" did not complete successfully: exit code: 3';
    steps.apply({ vertexes: [{ digest: 'f', name: '[b 2/2] RUN exit 3', error }] });
    expect(steps.failure()).toEqual({ step: '[b 2/2] RUN exit 3', exitCode: 3, lastLines: ['about to fail'] });
  });

  it('redacts what it is told to in logs and errors, also across chunks', () => {
    const steps = new BuildSteps((text) => text.split('hunter2').join('[hidden]'));
    steps.apply({ vertexes: [{ digest: 's', name: '[1/1] RUN cat secret' }] });
    steps.apply({ logs: [{ vertex: 's', data: b64('pw=hun') }] });
    const raw = steps.apply({ logs: [{ vertex: 's', data: b64('ter2\n') }] });
    expect(raw).toEqual(['#1 pw=[hidden]']);
  });

  it('reads exit codes from BuildKit and the classic builder', () => {
    expect(exitCodeOf('did not complete successfully: exit code: 127')).toBe(127);
    expect(exitCodeOf("The command '/bin/sh -c false' returned a non-zero code: 1")).toBe(1);
    expect(exitCodeOf('no such file')).toBeUndefined();
  });
});
