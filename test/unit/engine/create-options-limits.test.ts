// A run spec publishing more container ports than Berth forwards is refused naming spec.ports, ranges counted port by port.
import { describe, expect, it } from 'vitest';
import { runSpec } from '../../../src-main/contract/methods/containers';
import { toCreateOptions } from '../../../src-main/engine/create-options';

const spec = (ports: string[]) => runSpec.parse({ image: 'busybox', ports });

describe('published port limit', () => {
  it('refuses 10,000 ports given as one range', () => {
    expect(() => toCreateOptions(spec(['1-10000:1-10000']))).toThrow(
      'spec.ports: publishes 10000 container ports; at most 1000',
    );
  });

  it('takes 1000 ports in two ranges, and a host range for one container port as one', () => {
    const options = toCreateOptions(spec(['1-499:1-499', '2001-2500:1001-1500/udp', '8000-9000:8080']));
    expect(Object.keys(options.ExposedPorts ?? {})).toHaveLength(1000);
  });
});
