// Random arguments that pass the schemas and so reach the handlers, aimed only at objects a test made: a sentinel
// container and volume (read, listed, exec'd into, never stopped), and new containers, volumes and networks
// carrying the test labels. Each probe is a method and an arbitrary of its arguments.
import fc from 'fast-check';
import type { MethodName } from '../../src-main/contract/api';

export interface ProbeTargets {
  /** A running container the probes may read and exec into. */
  container: string;
  /** The image new containers are made from. */
  image: string;
  volume: string;
  /** Labels that mark what a probe creates, for the clean-up. */
  labels: Record<string, string>;
  /** A fresh name for something a probe creates. */
  freshName(): string;
}

export interface Probe {
  method: MethodName;
  args: fc.Arbitrary<Record<string, unknown>>;
}

/** Short strings biased toward what spec parsers trip on. */
const specText = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'0123456789:/-.=,[]abmgkrotcpu'.split('')), maxLength: 24 }),
  fc.constantFrom('', ':', '::', '/', '0', '-1', '1e3', '65536', '1-65535', '127.0.0.1::80', '[::1]:80:80/sctp'),
);
/** `good` nine times in ten, else `noise`: one bad field per spec at most, most of the time, so runs reach the engine. */
function mostly<T>(good: fc.Arbitrary<T>, noise: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: noise, weight: 1 });
}

/** Mostly well-formed -p specs, now and then noise. */
const portSpec = mostly(
  fc
    .tuple(
      fc.constantFrom('', '127.0.0.1:', '[::1]:', '0.0.0.0:'),
      fc.integer({ min: 1, max: 65535 }),
      fc.constantFrom('', '/udp', '/sctp'),
    )
    .map(([ip, port, protocol]) => `${ip}${port}:80${protocol}`),
  specText,
);
const absolutePath = fc.string({ maxLength: 20 }).map((rest) => `/${rest}`);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const size = { cols: fc.integer({ min: 1, max: 1000 }), rows: fc.integer({ min: 1, max: 1000 }) };

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

export function handlerProbes(t: ProbeTargets): Probe[] {
  const record = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields).map(withoutUndefined);
  const labels = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 });
  return [
    { method: 'containers.top', args: record({ id: fc.constant(t.container), psArgs: optional(specText) }) },
    { method: 'containers.files', args: record({ id: fc.constant(t.container), path: absolutePath }) },
    { method: 'volumes.files', args: record({ name: fc.constant(t.volume), path: absolutePath }) },
    { method: 'images.inspect', args: record({ id: specText.filter((s) => s.trim() !== '') }) },
    {
      method: 'logs.open',
      args: record({
        id: fc.constant(t.container),
        follow: fc.boolean(),
        tail: optional(fc.integer({ min: 0, max: 1_000_000 })),
        since: optional(fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom('0s', '10m', '99999d', '1.5h'))),
        timestamps: fc.boolean(),
      }),
    },
    {
      method: 'exec.open',
      args: record({
        id: fc.constant(t.container),
        cmd: fc.array(specText, { minLength: 1, maxLength: 3 }),
        tty: fc.boolean(),
        user: optional(specText),
        workingDir: optional(specText),
        env: fc.array(specText, { maxLength: 3 }),
        ...size,
      }),
    },
    {
      method: 'containers.run',
      args: fc
        .record(
          {
            ports: fc.array(portSpec, { maxLength: 3 }),
            // Anonymous volumes and binds only: a named volume would be made without the test labels.
            volumes: fc.array(
              mostly(
                fc.constantFrom('/data', '/tmp:/host-tmp:ro'),
                fc.oneof(
                  absolutePath,
                  fc.tuple(absolutePath, absolutePath).map(([a, b]) => `${a}:${b}:ro`),
                ),
              ),
              { maxLength: 2 },
            ),
            tmpfs: fc.array(
              mostly(
                fc.constantFrom('/run', '/t:size=64m,noexec'),
                specText.map((s) => `/t${s}`),
              ),
              {
                maxLength: 2,
              },
            ),
            env: fc.array(
              mostly(
                specText.map((s) => `K=${s}`),
                specText,
              ),
              { maxLength: 3 },
            ),
            memory: optional(mostly(fc.constantFrom('6m', '64m', '1g', '1p', '4095'), specText)),
            cpus: optional(mostly(fc.constantFrom('0.5', '1', '1024', '0.000000001'), specText)),
            user: optional(mostly(fc.constantFrom('0', '1000:1000', 'root', 'nobody'), specText)),
            workingDir: optional(mostly(fc.constantFrom('/', '/tmp', '/new/dir'), absolutePath)),
            hostname: optional(fc.string({ maxLength: 64 })),
            restartPolicy: fc.constantFrom('no', 'always', 'unless-stopped', 'on-failure'),
            restartMaxRetries: optional(fc.integer({ min: 0, max: 2 ** 31 })),
            network: optional(fc.constantFrom('none', 'host', 'bridge', 'missing-net')),
            labels,
          },
          { requiredKeys: ['labels'] },
        )
        // Retries with another policy are refused before the engine; keep them to on-failure so runs get that far.
        .map(({ restartMaxRetries, ...spec }) =>
          spec.restartPolicy === 'on-failure' ? { ...spec, restartMaxRetries } : spec,
        )
        .map((spec) => ({
          spec: withoutUndefined({
            ...spec,
            image: t.image,
            name: t.freshName(),
            labels: { ...spec.labels, ...t.labels },
          }),
          start: false,
        })),
    },
    {
      method: 'volumes.create',
      args: record({
        name: fc.constant(undefined).map(() => t.freshName()),
        driverOpts: fc.dictionary(fc.constantFrom('type', 'device', 'o', 'size', 'x'), specText, { maxKeys: 3 }),
        labels: fc.constant(t.labels),
      }),
    },
    {
      method: 'networks.create',
      args: record({
        name: fc.constant(undefined).map(() => t.freshName()),
        // Bridges only, on subnets of 10.213/16 (a macvlan or a wide subnet would change the host's own networking).
        subnet: optional(
          fc.oneof(
            fc
              .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 30 }))
              .map(([n, bits]) => `10.213.${n}.0/${bits}`),
            fc.constantFrom('999.1.1.1/33', '10.213.1.1/24', '::1/200'),
          ),
        ),
        internal: fc.boolean(),
        options: fc.dictionary(fc.constantFrom('x', 'com.docker.network.driver.mtu'), specText, { maxKeys: 2 }),
        labels: fc.constant(t.labels),
      }),
    },
  ];
}
