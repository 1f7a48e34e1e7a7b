// The compose CLI's plain progress lines read as objects and states, and its dry run read as a plan per service.
import { describe, expect, it } from 'vitest';
import { outputLine, outputReader, planFromDryRun } from '../../../src-main/compose/compose-output';

describe('outputLine', () => {
  it('reads containers, networks and quoted volumes with their state', () => {
    expect(outputLine('stderr', ' Container app-web-1  Started')).toMatchObject({
      object: 'Container app-web-1',
      status: 'Started',
    });
    expect(outputLine('stderr', ' Network app_backend  Creating').object).toBe('Network app_backend');
    expect(outputLine('stderr', ' Volume "app_data"  Created')).toMatchObject({
      object: 'Volume app_data',
      status: 'Created',
    });
    expect(outputLine('stderr', ' DRY-RUN MODE -  Container app-web-1  Recreate').status).toBe('Recreate');
  });

  it('reads per-service pull steps and keeps anything else as text, without the erase sequence', () => {
    expect(outputLine('stderr', ' web Pulling ')).toMatchObject({ object: 'Service web', status: 'Pulling' });
    const other = outputLine('stdout', '\u001b[2Kweb-1  | hello');
    expect(other).toEqual({ stream: 'stdout', text: 'web-1  | hello' });
    expect(outputLine('stderr', 'yaml: line 3: did not find expected node content').object).toBeUndefined();
  });
});

/** What compose 2.26 printed on stderr for `compose pull` of a service from a registry and one that builds. */
const PULL = [
  ' maker Skipped - No image to be pulled ',
  ' app Pulling ',
  ' ae93d757d2ce Already exists ',
  ' 6ff655d3b59b Pulling fs layer ',
  ' 6ff655d3b59b Waiting ',
  ' 6ff655d3b59b Downloading [>                                                  ]  229.4kB/20.98MB',
  ' 6ff655d3b59b Verifying Checksum ',
  ' 6ff655d3b59b Download complete ',
  ' 6ff655d3b59b Extracting [==================================================>]  20.98MB/20.98MB',
  ' 6ff655d3b59b Pull complete ',
  ' app Pulled ',
];

describe('pull output', () => {
  it('reads one row per service and one per layer, whose waiting is not a service', () => {
    const rows = PULL.map((text) => outputLine('stderr', text));
    expect(rows.map((r) => `${r.object}: ${r.status}`)).toEqual([
      'Service maker: Skipped - No image to be pulled',
      'Service app: Pulling',
      'Layer ae93d757d2ce: Already exists',
      'Layer 6ff655d3b59b: Pulling fs layer',
      'Layer 6ff655d3b59b: Waiting',
      'Layer 6ff655d3b59b: Downloading',
      'Layer 6ff655d3b59b: Verifying Checksum',
      'Layer 6ff655d3b59b: Download complete',
      'Layer 6ff655d3b59b: Extracting',
      'Layer 6ff655d3b59b: Pull complete',
      'Service app: Pulled',
    ]);
    expect(rows[5]!.text).toContain('229.4kB/20.98MB');
  });

  it('reads a failed pull as the service in error', () => {
    const line = outputLine('stderr', ' gone Error manifest for 127.0.0.1:5000/x:1 not found: manifest unknown');
    expect(line).toMatchObject({ object: 'Service gone', status: expect.stringMatching(/^Error manifest for/) });
  });
});

/** What compose 2.26 printed on stdout for `compose build` of service "maker" (BuildKit's plain progress). */
const BUILD = [
  '#0 building with "default" instance using docker driver',
  '',
  '#1 [maker internal] load build definition from Dockerfile',
  '#1 transferring dockerfile: 92B done',
  '#1 DONE 0.0s',
  '#4 [maker 1/2] FROM docker.io/berth-test/busybox:latest',
  '#4 CACHED',
  '#5 [maker 2/2] RUN echo built > /built',
  '#5 0.053 #6 DONE but this is what the step printed',
  '#5 DONE 0.1s',
  '#6 [maker] exporting to image',
  '#6 writing image sha256:c8588005bf332631f9b681b7a27280cc888ddddb47b685651d13b3e4d38dd119 done',
  '#6 naming to docker.io/library/bp-maker done',
  '#6 DONE 0.0s',
];

describe('build output', () => {
  const rows = (texts: string[]) => {
    const read = outputReader();
    return texts.map((text) => read('stdout', text)).filter((l) => l.object);
  };

  it("reads BuildKit's steps as the service building, built once its image is written", () => {
    expect(rows(BUILD).map((r) => `${r.object}: ${r.status}`)).toEqual([
      'Service maker: Building',
      'Service maker: Building',
      'Service maker: Building',
      'Service maker: Building',
      'Service maker: Built',
    ]);
  });

  it("reads a failed step as the service's error, and keeps services of parallel builds apart", () => {
    const failed = rows([
      '#5 [web 2/2] RUN exit 3',
      '#6 [api 1/1] FROM docker.io/library/base',
      '#6 CACHED',
      '#5 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      '#7 [api] exporting to image',
      '#7 CANCELED',
    ]);
    expect(failed.map((r) => `${r.object}: ${r.status}`)).toEqual([
      'Service web: Building',
      'Service api: Building',
      'Service web: Error: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      'Service api: Building',
      'Service api: Canceled',
    ]);
  });

  it('keeps a step number it never saw opened as text', () => {
    expect(rows(['#9 DONE 0.1s', '#9 ERROR: lost'])).toEqual([]);
  });
});

describe('planFromDryRun', () => {
  const lines = (texts: string[]) => texts.map((t) => outputLine('stderr', t));

  it('keeps the decisive step per service: recreate over the start that follows, create over keep', () => {
    const plan = planFromDryRun(
      lines([
        ' DRY-RUN MODE -  Container app-web-1  Recreate',
        ' DRY-RUN MODE -  Container app-web-1  Recreated',
        ' DRY-RUN MODE -  Container app-worker-1  Running',
        ' DRY-RUN MODE -  Container app-db-1  Creating',
        ' DRY-RUN MODE -  Container 923ff19bee39_app-web-1  Starting',
        ' DRY-RUN MODE -  Container app-web-1  Started',
        ' DRY-RUN MODE -  Network app_default  Creating',
      ]),
      'app',
    );
    expect(plan).toEqual([
      { service: 'web', action: 'recreate', detail: 'Container app-web-1  Recreate' },
      { service: 'worker', action: 'keep', detail: 'Container app-worker-1  Running' },
      { service: 'db', action: 'create', detail: 'Container app-db-1  Creating' },
    ]);
  });

  it('reads service names with dashes from scaled container names, and only this project', () => {
    const plan = planFromDryRun(
      lines([' DRY-RUN MODE -  Container my-app-api-gw-2  Running', ' DRY-RUN MODE -  Container other-x-1  Creating']),
      'my-app',
    );
    expect(plan.map((p) => p.service)).toEqual(['api-gw']);
  });
});
