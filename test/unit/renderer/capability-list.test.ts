// The System page's capability list: versions and modes when there, the reason when not.
import { describe, expect, it } from 'vitest';
import { capabilityList } from '../../../src-renderer/src/components/system/capability-list';

describe('capabilityList', () => {
  it('says what each capability is, or why it is off', () => {
    const items = capabilityList({
      engineVersion: '20.10.24',
      apiVersion: '1.41',
      buildkit: { available: true, default: false },
      swarm: { available: false, state: 'inactive', reason: 'Swarm mode is not on' },
      compose: { available: true, version: '2.26.1' },
      buildx: { available: false, reason: 'install docker-buildx' },
    });
    expect(items.map((i) => [i.key, i.available, i.detail])).toEqual([
      ['buildkit', true, 'available; the classic builder is the default'],
      ['compose', true, 'v2.26.1'],
      ['buildx', false, 'install docker-buildx'],
      ['swarm', false, 'Swarm mode is not on'],
    ]);
  });
});
