// A pull or push that did not finish: every layer row ends in a final state, and a login refusal says what to do.
import { describe, expect, it } from 'vitest';
import { endLayers, transferAdvice } from '../../../src-renderer/src/components/images/transfer-outcome';

describe('endLayers', () => {
  it('ends every unfinished row of a failed push, keeping the complete ones', () => {
    const rows = endLayers(
      [
        { id: 'a', status: 'Preparing' },
        { id: 'b', status: 'Pushing', current: 5, total: 10 },
        { id: 'c', status: 'Layer already exists' },
        { id: 'd', status: 'Waiting' },
      ],
      'push',
      'failed',
    );
    expect(rows).toEqual([
      { id: 'a', status: 'Not pushed', ended: 'failed' },
      { id: 'b', status: 'Not pushed', ended: 'failed' },
      { id: 'c', status: 'Layer already exists' },
      { id: 'd', status: 'Not pushed', ended: 'failed' },
    ]);
  });

  it('says a cancelled pull did not get its unfinished layers', () => {
    expect(
      endLayers(
        [
          { id: 'a', status: 'Downloading', current: 1, total: 2 },
          { id: 'b', status: 'Pull complete' },
        ],
        'pull',
        'cancelled',
      ),
    ).toEqual([
      { id: 'a', status: 'Cancelled, not pulled', ended: 'cancelled' },
      { id: 'b', status: 'Pull complete' },
    ]);
  });
});

describe('transferAdvice', () => {
  it('tells how to push to a registry that requires a login', () => {
    const advice = transferAdvice('no basic auth credentials', '127.0.0.1:5000/team/app:1', 'push');
    expect(advice?.text).toMatch(/^127\.0\.0\.1:5000 requires a login to push, and Berth has none for it/);
    expect(advice?.text).toContain("Berth's Terminal");
    expect(advice?.text).toContain('Log in to 127.0.0.1:5000 here');
    expect(advice?.server).toBe('127.0.0.1:5000');
    expect(advice?.commands).toEqual(['docker login 127.0.0.1:5000', 'docker push 127.0.0.1:5000/team/app:1']);
    expect(advice?.otherwise).toMatch(/registry that needs no login/);
  });

  it('names Docker Hub and a plain docker login for a Hub reference', () => {
    const advice = transferAdvice('denied: requested access to the resource is denied', 'me/app:1', 'push');
    expect(advice?.text).toMatch(/^Docker Hub requires a login/);
    expect(advice?.commands).toEqual(['docker login', 'docker push me/app:1']);
    expect(advice?.server).toBe('docker.io');
  });

  it('covers a pull the registry refused without credentials', () => {
    const advice = transferAdvice(
      "pull access denied for x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      'registry.example.com/x:1',
      'pull',
    );
    expect(advice?.text).toMatch(/^registry\.example\.com refused the pull: the image does not exist there/);
    expect(advice?.commands).toEqual(['docker login registry.example.com', 'docker pull registry.example.com/x:1']);
    expect(advice?.otherwise).toBeUndefined();
  });

  it('has nothing to add to other failures', () => {
    expect(transferAdvice('connection refused', '127.0.0.1:5000/app:1', 'push')).toBeUndefined();
  });
});
