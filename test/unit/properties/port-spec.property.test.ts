// Properties of `-p` specs: any string gives bindings or a ParseError; generated specs give one binding per container port.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExposedPort, parsePortSpec } from '../../../src-main/core/port-spec';
import { assertAnswersQuoting, parseOutcome, RUNS } from './parse-outcome';

const port = fc.integer({ min: 1, max: 65535 });
const portChars = fc.string({ unit: fc.constantFrom(...'0123456789:-/.[]abtcpu'.split('')), maxLength: 40 });

describe('parsePortSpec (properties)', () => {
  it('answers any string with bindings or a ParseError quoting it', () => {
    assertAnswersQuoting(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), portChars), parsePortSpec);
  });

  it('maps a host range onto a container range of the same length port by port', () => {
    fc.assert(
      fc.property(
        port,
        port,
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom('tcp', 'udp', 'sctp'),
        fc.constantFrom('', '127.0.0.1:', '[::1]:'),
        (host, container, extra, protocol, ip) => {
          fc.pre(host + extra <= 65535 && container + extra <= 65535);
          const spec = `${ip}${host}-${host + extra}:${container}-${container + extra}/${protocol}`;
          const bindings = parsePortSpec(spec);
          expect(bindings).toHaveLength(extra + 1);
          bindings.forEach((b, i) => {
            expect(b).toEqual({
              containerPort: container + i,
              protocol,
              hostIp: ip.replace(/^\[?([^\]]*)\]?:$/, '$1'),
              hostPort: String(host + i),
            });
          });
        },
      ),
      RUNS,
    );
  });

  it('refuses port 0 and ports above 65535 wherever they stand', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.integer({ min: 65536, max: 10_000_000 })), port, (bad, good) => {
        for (const spec of [`${bad}`, `${bad}:${good}`, `${good}:${bad}`, `${good}-${bad}:${good}`]) {
          expect(parseOutcome(() => parsePortSpec(spec))).toHaveProperty('error');
        }
      }),
      RUNS,
    );
  });
});

describe('parseExposedPort (properties)', () => {
  it('round-trips "port/protocol" and answers anything else with a ParseError', () => {
    fc.assert(
      fc.property(port, fc.constantFrom('tcp', 'udp', 'sctp'), (p, protocol) => {
        expect(parseExposedPort(`${p}/${protocol}`)).toEqual({ port: p, protocol });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(portChars, (key) => {
        parseOutcome(() => parseExposedPort(key));
      }),
      RUNS,
    );
  });
});
