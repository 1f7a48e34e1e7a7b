// The compose CLI's plain progress lines read as objects and states, and its dry run read as a plan per service.
import { describe, expect, it } from 'vitest';
import { outputLine, planFromDryRun } from '../../../src-main/compose/compose-output';

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
