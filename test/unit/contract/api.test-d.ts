// Type-level tests pinning the contract's method and event maps.
import { describe, expectTypeOf, it } from 'vitest';
import type { ArgsOf, MethodName, ParsedArgsOf, ResultOf } from '../../../src-main/contract/api';
import type { BerthClient } from '../../../src-main/contract/client';
import type { ContainerSummary, CreatedContainer } from '../../../src-main/contract/dto/containers';
import type { FileEntry } from '../../../src-main/contract/dto/files';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import type { LogBatch, SessionHandle, StatsSample } from '../../../src-main/contract/dto/streams';
import type { EngineStatus, HostPaths, PruneReport } from '../../../src-main/contract/dto/system';
import type { Volume } from '../../../src-main/contract/dto/volumes';
import type { EventName, EventPayload } from '../../../src-main/contract/events';
import type { WireError, WireResult } from '../../../src-main/contract/result';

describe('Api map', () => {
  it('pins argument and result types of representative methods', () => {
    expectTypeOf<ResultOf<'containers.list'>>().toEqualTypeOf<ContainerSummary[]>();
    expectTypeOf<ArgsOf<'containers.list'>>().toEqualTypeOf<{
      all?: boolean | undefined;
      ids?: string[] | undefined;
    }>();
    expectTypeOf<ParsedArgsOf<'containers.list'>>().toEqualTypeOf<{ all: boolean; ids?: string[] | undefined }>();
    expectTypeOf<ResultOf<'containers.run'>>().toEqualTypeOf<CreatedContainer>();
    expectTypeOf<ArgsOf<'containers.run'>['spec']['image']>().toEqualTypeOf<string>();
    expectTypeOf<ResultOf<'containers.start'>>().toEqualTypeOf<void>();
    expectTypeOf<ResultOf<'images.list'>>().toEqualTypeOf<ImageSummary[]>();
    expectTypeOf<ResultOf<'logs.open'>>().toEqualTypeOf<SessionHandle>();
    expectTypeOf<ResultOf<'logs.replay'>>().toEqualTypeOf<LogBatch>();
    expectTypeOf<ResultOf<'system.prunePreview'>>().toEqualTypeOf<PruneReport>();
    expectTypeOf<ResultOf<'engine.status'>>().toEqualTypeOf<EngineStatus>();
  });

  it('pins the file browsing and volume moving methods', () => {
    expectTypeOf<ResultOf<'containers.files'>>().toEqualTypeOf<FileEntry[]>();
    expectTypeOf<ArgsOf<'containers.files'>>().toEqualTypeOf<{ id: string; path?: string | undefined }>();
    expectTypeOf<ResultOf<'volumes.files'>>().toEqualTypeOf<FileEntry[]>();
    expectTypeOf<ArgsOf<'volumes.files'>>().toEqualTypeOf<{ name: string; path?: string | undefined }>();
    expectTypeOf<ParsedArgsOf<'volumes.files'>>().toEqualTypeOf<{ name: string; path: string }>();
    expectTypeOf<ResultOf<'volumes.copyFrom'>>().toEqualTypeOf<{ hostPath: string }>();
    expectTypeOf<ArgsOf<'volumes.copyFrom'>>().toEqualTypeOf<{ name: string; path: string; hostDir: string }>();
    expectTypeOf<ResultOf<'volumes.export'>>().toEqualTypeOf<{ bytes: number }>();
    expectTypeOf<ArgsOf<'volumes.export'>>().toEqualTypeOf<{
      name: string;
      hostPath: string;
      overwrite?: boolean | undefined;
    }>();
    expectTypeOf<ResultOf<'volumes.import'>>().toEqualTypeOf<Volume>();
    expectTypeOf<ArgsOf<'volumes.import'>>().toEqualTypeOf<{
      name: string;
      hostPath: string;
      create?: boolean | undefined;
      labels?: Record<string, string> | undefined;
    }>();
    expectTypeOf<ResultOf<'volumes.clone'>>().toEqualTypeOf<Volume>();
    expectTypeOf<ArgsOf<'volumes.clone'>>().toEqualTypeOf<{
      source: string;
      target: string;
      labels?: Record<string, string> | undefined;
    }>();
    expectTypeOf<FileEntry['type']>().toEqualTypeOf<'file' | 'dir' | 'symlink' | 'other'>();
  });

  it('pins the host folders method', () => {
    expectTypeOf<ResultOf<'system.paths'>>().toEqualTypeOf<HostPaths>();
    expectTypeOf<ArgsOf<'system.paths'>>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<HostPaths>().toEqualTypeOf<{ home: string; downloads: string; tmp: string }>();
  });

  it('names methods resource.verb', () => {
    expectTypeOf<MethodName>().toExtend<`${string}.${string}`>();
    expectTypeOf<'containers.list'>().toExtend<MethodName>();
    expectTypeOf<'containers.frobnicate'>().not.toExtend<MethodName>();
  });
});

describe('Event map', () => {
  it('pins payloads', () => {
    expectTypeOf<EventPayload<'engine.state'>>().toEqualTypeOf<EngineStatus>();
    expectTypeOf<EventPayload<'containers.changed'>>().toEqualTypeOf<{ ids: string[] }>();
    expectTypeOf<EventPayload<'logs.data'>>().toEqualTypeOf<{ session: string } & LogBatch>();
    expectTypeOf<EventPayload<'stats.data'>>().toEqualTypeOf<{ session: string; sample: StatsSample }>();
    expectTypeOf<'nope.event'>().not.toExtend<EventName>();
  });
});

describe('client', () => {
  it('types calls from the map', () => {
    expectTypeOf<BerthClient['call']>().toBeFunction();
    const client = {} as BerthClient;
    expectTypeOf(client.call('containers.inspect', { id: 'x' })).resolves.toHaveProperty('raw');
    // @ts-expect-error -- missing required argument
    void client.call('containers.inspect', {});
    // @ts-expect-error -- unknown method
    void client.call('containers.explode', {});
  });

  it('wire results are a tagged union', () => {
    expectTypeOf<WireResult<number>>().toEqualTypeOf<{ ok: true; value: number } | { ok: false; error: WireError }>();
  });
});
