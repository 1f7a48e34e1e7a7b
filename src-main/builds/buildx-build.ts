// A BuildKit build through the official buildx CLI where the engine is: its rawjson progress into the live build's
// steps, its image id from the exporter's "writing image" status (as a CLI inside the VM reports it; no --iidfile,
// which cost a cold build ~10 % here and is written where the CLI runs).
import { CliFailedError } from '../docker-cli/cli-runner';
import type { DockerCli } from '../docker-cli/docker-cli';
import { buildxArgs } from './buildx-args';
import type { SolveStatus } from './build-steps';
import type { LiveBuild } from './live-build';
import { RawJsonSplitter, type SplitOutput } from './rawjson-splitter';

/** The exporter's status id naming the image it wrote: "writing image sha256:…". */
const WRITING_IMAGE = /^writing image (sha256:[0-9a-f]{64})/;

/** Lines of buildx's own text (outside the progress objects) a failure's message quotes. */
const MESSAGE_LINES = 10;

/**
 * Runs the build; resolves with the image id.
 * @throws Error with buildx's own words when it fails; CancelledError when the live build's signal aborts it.
 */
export async function buildxBuild(cli: DockerCli, live: LiveBuild): Promise<string | undefined> {
  const splitter = new RawJsonSplitter();
  let written: string | undefined;
  const said: string[] = [];
  const take = ({ objects, lines }: SplitOutput) => {
    for (const object of objects as (SolveStatus & { statuses?: { id?: string }[] })[]) {
      live.addLog(live.steps.apply(object));
      for (const status of object.statuses ?? []) written = WRITING_IMAGE.exec(status.id ?? '')?.[1] ?? written;
    }
    const text = lines.map(live.redact);
    said.push(...text);
    said.splice(0, Math.max(0, said.length - MESSAGE_LINES));
    live.addLog(text);
    live.touched();
  };
  try {
    await cli.run(buildxArgs(live.request), {
      signal: live.controller.signal,
      onLine: (stream, line) =>
        stream === 'stderr' ? take(splitter.push(`${line}\n`)) : live.addLog([live.redact(line)]),
    });
    return written;
  } catch (error) {
    if (!(error instanceof CliFailedError)) throw error;
    take(splitter.end());
    throw new Error(said.join('\n') || live.redact(error.message), { cause: error });
  } finally {
    take(splitter.end());
  }
}
