import { describe, expect, it } from 'vitest';
import {
  listenFailureMessage,
  planForwards,
  type ContainerPorts,
  type PlanOptions,
} from '../../../src-main/tunnel/published-ports';

const LOCAL: PlanOptions = { exposeOnAllInterfaces: false, loopbackAddress: '127.0.0.1' };
const EXPOSED: PlanOptions = { exposeOnAllInterfaces: true, loopbackAddress: '127.0.0.1' };

function container(id: string, ports: ContainerPorts['ports']): ContainerPorts {
  return { id, name: `c-${id}`, ports };
}

describe('planForwards', () => {
  it('forwards a port published on every guest address to the host loopback, reaching the guest over 127.0.0.1', () => {
    const plan = planForwards(
      [container('a', [{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' }])],
      LOCAL,
    );
    expect(plan).toEqual({
      forwards: [
        {
          key: '127.0.0.1:8080',
          protocol: 'tcp',
          hostAddress: '127.0.0.1',
          port: 8080,
          guestAddress: '127.0.0.1',
          containerId: 'a',
          containerName: 'c-a',
        },
      ],
      skipped: [],
      conflicts: [],
    });
  });

  it('binds every host interface only when exposing, and never for ports on the guest loopback', () => {
    const ports = [
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '127.0.0.1', privatePort: 81, publicPort: 8081, type: 'tcp' },
      { ip: '::1', privatePort: 82, publicPort: 8082, type: 'tcp' },
    ];
    const hosts = (options: PlanOptions) =>
      planForwards([container('a', ports)], options).forwards.map((f) => [f.port, f.hostAddress, f.guestAddress]);
    expect(hosts(LOCAL)).toEqual([
      [8080, '127.0.0.1', '127.0.0.1'],
      [8081, '127.0.0.1', '127.0.0.1'],
      [8082, '127.0.0.1', '::1'],
    ]);
    expect(hosts(EXPOSED)).toEqual([
      [8080, '0.0.0.0', '127.0.0.1'],
      [8081, '127.0.0.1', '127.0.0.1'],
      [8082, '127.0.0.1', '::1'],
    ]);
  });

  it('uses the configured loopback address for listeners that stay on this computer', () => {
    const plan = planForwards([container('a', [{ ip: '127.0.0.1', privatePort: 80, publicPort: 80, type: 'tcp' }])], {
      ...EXPOSED,
      loopbackAddress: '127.0.0.2',
    });
    expect(plan.forwards.map((f) => f.key)).toEqual(['127.0.0.2:80']);
  });

  it('reaches a port published on a specific guest address at that address', () => {
    const plan = planForwards(
      [container('a', [{ ip: '10.0.2.15', privatePort: 80, publicPort: 80, type: 'tcp' }])],
      LOCAL,
    );
    expect(plan.forwards[0]).toMatchObject({ hostAddress: '127.0.0.1', guestAddress: '10.0.2.15' });
  });

  it('makes one listener of the IPv4 and IPv6 entries of one port, reaching it over IPv4', () => {
    for (const order of [
      ['::', '0.0.0.0'],
      ['0.0.0.0', '::'],
    ]) {
      const plan = planForwards(
        [
          container(
            'a',
            order.map((ip) => ({ ip, privatePort: 80, publicPort: 8080, type: 'tcp' })),
          ),
        ],
        LOCAL,
      );
      expect(plan.forwards).toHaveLength(1);
      expect(plan.forwards[0]?.guestAddress).toBe('127.0.0.1');
      expect(plan.conflicts).toEqual([]);
    }
  });

  it('ignores ports that are exposed but not published', () => {
    const plan = planForwards([container('a', [{ privatePort: 80, type: 'tcp' }])], LOCAL);
    expect(plan).toEqual({ forwards: [], skipped: [], conflicts: [] });
  });

  it('forwards UDP ports when QEMU can, except those on the guest loopback; SCTP stays skipped', () => {
    const plan = planForwards(
      [
        container('a', [
          { ip: '0.0.0.0', privatePort: 53, publicPort: 5353, type: 'udp' },
          { ip: '::', privatePort: 53, publicPort: 5353, type: 'udp' },
          { ip: '0.0.0.0', privatePort: 53, publicPort: 5353, type: 'tcp' },
          { ip: '127.0.0.1', privatePort: 54, publicPort: 5454, type: 'udp' },
          { ip: '0.0.0.0', privatePort: 9, publicPort: 9999, type: 'sctp' },
        ]),
      ],
      { ...LOCAL, udp: true },
    );
    expect(plan.forwards.map((f) => [f.key, f.protocol])).toEqual([
      ['127.0.0.1:5353/udp', 'udp'],
      ['127.0.0.1:5353', 'tcp'],
    ]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      "UDP port 5454 is published on the VM's 127.0.0.1 only, which QEMU's UDP forwarding cannot reach",
      'SCTP ports are not forwarded to this computer yet (only TCP is)',
    ]);
  });

  it('lists UDP and SCTP ports as skipped, once per port', () => {
    const plan = planForwards(
      [
        container('a', [
          { ip: '0.0.0.0', privatePort: 53, publicPort: 5353, type: 'udp' },
          { ip: '::', privatePort: 53, publicPort: 5353, type: 'udp' },
          { ip: '0.0.0.0', privatePort: 9, publicPort: 9999, type: 'sctp' },
        ]),
      ],
      LOCAL,
    );
    expect(plan.forwards).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        port: 5353,
        protocol: 'udp',
        containerId: 'a',
        containerName: 'c-a',
        reason: 'UDP ports are not forwarded to this computer yet (only TCP is)',
      },
      {
        port: 9999,
        protocol: 'sctp',
        containerId: 'a',
        containerName: 'c-a',
        reason: 'SCTP ports are not forwarded to this computer yet (only TCP is)',
      },
    ]);
  });

  it('gives a host port two containers claim to the first and reports the second', () => {
    const plan = planForwards(
      [
        container('a', [{ ip: '127.0.0.1', privatePort: 80, publicPort: 8080, type: 'tcp' }]),
        container('b', [{ ip: '10.0.2.15', privatePort: 80, publicPort: 8080, type: 'tcp' }]),
      ],
      LOCAL,
    );
    expect(plan.forwards.map((f) => f.containerId)).toEqual(['a']);
    expect(plan.conflicts).toEqual([
      {
        port: 8080,
        hostAddress: '127.0.0.1',
        containerId: 'b',
        containerName: 'c-b',
        code: 'DUPLICATE',
        message:
          'Port 8080 is already forwarded for container "c-a", so container "c-b" cannot be reached on localhost:8080',
      },
    ]);
  });

  it('is the same plan however often it is made (idempotent input → output)', () => {
    const containers = [
      container('a', [
        { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
        { ip: '0.0.0.0', privatePort: 443, publicPort: 8443, type: 'tcp' },
      ]),
      container('b', [{ ip: '0.0.0.0', privatePort: 80, publicPort: 9090, type: 'tcp' }]),
    ];
    expect(planForwards(containers, LOCAL)).toEqual(planForwards(structuredClone(containers), LOCAL));
    expect(planForwards(containers, LOCAL).forwards.map((f) => f.key)).toEqual([
      '127.0.0.1:8080',
      '127.0.0.1:8443',
      '127.0.0.1:9090',
    ]);
  });
});

describe('listenFailureMessage', () => {
  const forward = {
    key: '127.0.0.1:8080',
    protocol: 'tcp' as const,
    hostAddress: '127.0.0.1',
    port: 8080,
    guestAddress: '127.0.0.1',
    containerId: 'a',
    containerName: 'web',
  };

  it('says which port is taken and which container cannot be reached', () => {
    expect(listenFailureMessage(forward, 'EADDRINUSE', 'listen EADDRINUSE')).toBe(
      'Port 8080 is already in use on this computer (by another program), so container "web" cannot be reached on localhost:8080',
    );
  });

  it('says when a privileged port needs rights, and names exposure on every interface', () => {
    expect(listenFailureMessage({ ...forward, port: 80, hostAddress: '0.0.0.0' }, 'EACCES', 'listen EACCES')).toBe(
      'Port 80 needs administrator rights on this computer, so container "web" cannot be reached on port 80 of this computer; publish it on a port above 1023',
    );
  });

  it('says UDP for a UDP port', () => {
    expect(listenFailureMessage({ ...forward, protocol: 'udp', key: '127.0.0.1:8080/udp' }, 'EADDRINUSE', 'x')).toBe(
      'UDP port 8080 is already in use on this computer (by another program), so container "web" cannot be reached on localhost:8080',
    );
  });

  it('passes other failures on with their detail', () => {
    expect(listenFailureMessage(forward, 'EMFILE', 'too many open files')).toBe(
      'Could not listen on 127.0.0.1:8080 (too many open files), so container "web" cannot be reached on localhost:8080',
    );
  });
});
