// A build on the engine's classic builder (engines or CLIs without BuildKit): the Engine API's build, its
// "Step n/m : …" lines made into the live build's steps.
import type { EventHub } from '../engine/event-hub';
import type { ImageService } from '../engine/images';
import type { OperationRegistry } from '../engine/operations';
import type { LiveBuild } from './live-build';

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

export interface ClassicBuilder {
  images: ImageService;
  operations: OperationRegistry;
  hub: EventHub;
}

export async function classicBuild({ images, operations, hub }: ClassicBuilder, live: LiveBuild): Promise<string> {
  const operation = `build-${live.id}`;
  let current: string | undefined;
  const now = () => new Date().toISOString();
  const finishCurrent = () => current && live.steps.applyVertex(current, { completed: now() });
  const take = (line: string) => {
    const step = STEP.exec(line);
    if (step) {
      finishCurrent();
      current = `step-${step[1]}`;
      live.steps.applyVertex(current, { name: `[${step[1]}/${step[2]}] ${step[3]}`, started: now() });
    } else if (current && /^ ---> Using cache$/.test(line)) live.steps.applyVertex(current, { cached: true });
    else if (current && !line.startsWith(' ---> ')) live.steps.addLines(live.steps.applyVertex(current, {}), [line]);
  };
  const unsubscribe = hub.subscribe((name, payload) => {
    if (name !== 'build.output') return;
    const output = payload as { operation: string; lines: string[] };
    if (output.operation !== operation) return;
    const lines = output.lines.map(live.redact);
    lines.forEach(take);
    live.addLog(lines);
  });
  const cancel = () => operations.cancel(operation);
  live.controller.signal.addEventListener('abort', cancel, { once: true });
  try {
    const { secrets: _none, ...request } = live.request;
    const { id } = await images.build({ ...request, labels: {}, operation });
    finishCurrent();
    return id;
  } catch (error) {
    if (current) live.steps.applyVertex(current, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    live.controller.signal.removeEventListener('abort', cancel);
    unsubscribe();
  }
}
