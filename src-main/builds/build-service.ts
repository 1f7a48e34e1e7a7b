// Builds from Berth: started in the background with live progress events, cancelled on request, remembered in the
// build history; the stages of a Dockerfile for the target field.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { BuildRecord, BuildSummary, DockerfileStages } from '../contract/dto/builds';
import type { BuildRequest } from '../contract/methods/builds';
import { errorMessage } from '../core/error-message';
import type { DockerCli } from '../docker-cli/docker-cli';
import { CancelledError, ConflictError, InvalidArgumentError, NotFoundError, UnsupportedError } from '../engine/errors';
import { dockerfileStages } from '../insight/dockerfile-stages';
import { BuildHistory } from './build-history';
import { chooseBuilder, type BuilderChoice } from './builder-choice';
import { buildxBuild } from './buildx-build';
import { classicBuild, type ClassicBuilder } from './classic-build';
import { LiveBuild } from './live-build';
import { secretRedactor } from './secret-redactor';

export interface BuildServiceOptions extends ClassicBuilder {
  docker: Dockerode;
  cli: () => DockerCli;
  /** The history file; undefined keeps the history in memory. */
  historyFile: string | undefined;
  /** Runs after each BuildKit build that succeeded (the build cache's size budget applied). */
  afterBuild?: () => Promise<unknown>;
}

export class BuildService {
  readonly history: BuildHistory;
  private readonly running = new Map<string, { live: LiveBuild; done: Promise<BuildRecord> }>();
  /** Per CLI (this computer's, the VM's), the builder its engine gets, asked once. */
  private readonly choices = new WeakMap<DockerCli, Promise<BuilderChoice>>();

  constructor(private readonly options: BuildServiceOptions) {
    this.history = new BuildHistory(options.historyFile);
  }

  /** Starts a build; it runs on after this resolves. @throws InvalidArgumentError when the context cannot be used. */
  async start(request: BuildRequest): Promise<{ id: string }> {
    const cli = this.options.cli();
    await this.checkContext(cli, request);
    const choice = await this.builderFor(cli);
    if (choice.kind === 'classic' && request.secrets.length)
      throw new UnsupportedError(`Build secrets need BuildKit, which this build cannot use: ${choice.reason}`);
    const redact = await secretRedactor(request.secrets, cli.where === 'host');
    const id = `b${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
    const live = new LiveBuild(id, request, choice.kind, choice.reason, redact, (progress) =>
      this.options.hub.emit('builds.progress', progress),
    );
    const done = this.run(cli, live);
    this.running.set(id, { live, done });
    return { id };
  }

  /** Resolves with the build's record once it ended. @throws NotFoundError for a build never started. */
  async wait(id: string): Promise<BuildRecord> {
    const running = this.running.get(id);
    if (running) return running.done;
    return this.get(id);
  }

  cancel(id: string): { cancelled: boolean } {
    const running = this.running.get(id);
    running?.live.controller.abort();
    return { cancelled: running !== undefined };
  }

  /** Cancels every running build and waits for them to end (the engine closing, Berth quitting). */
  async cancelAll(): Promise<void> {
    const running = [...this.running.values()];
    for (const { live } of running) live.controller.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  /** Running builds first, then the history, newest first. */
  async list(): Promise<BuildSummary[]> {
    const live = [...this.running.values()].map(({ live }) => live.record());
    const past = await this.history.list();
    return [...live, ...past.filter((r) => !this.running.has(r.id))].map(summary);
  }

  async get(id: string): Promise<BuildRecord> {
    const record = this.running.get(id)?.live.record() ?? (await this.history.get(id));
    if (!record) throw new NotFoundError(`no build ${id} in the history`);
    return record;
  }

  async remove(id: string): Promise<void> {
    if (this.running.has(id)) throw new ConflictError(`build ${id} is running: cancel it first`);
    if (!(await this.history.remove(id))) throw new NotFoundError(`no build ${id} in the history`);
  }

  async stages(context: string, dockerfile: string): Promise<DockerfileStages> {
    const file = join(context, dockerfile);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new InvalidArgumentError('dockerfile', `${file} cannot be read (${error.code ?? error.message})`);
    });
    return { stages: dockerfileStages(text) };
  }

  private builderFor(cli: DockerCli): Promise<BuilderChoice> {
    let choice = this.choices.get(cli);
    if (!choice) {
      choice = chooseBuilder(this.options.docker, cli);
      this.choices.set(cli, choice);
      choice.catch(() => this.choices.delete(cli));
    }
    return choice;
  }

  /** The context is a folder with the Dockerfile, each secret file is a file, and the CLI sees all of them. */
  private async checkContext(cli: DockerCli, request: BuildRequest): Promise<void> {
    const info = await stat(request.context).catch(() => undefined);
    if (!info?.isDirectory()) throw new InvalidArgumentError('context', `${request.context} is not a folder`);
    const dockerfile = join(request.context, request.dockerfile);
    if (!(await isFile(dockerfile))) throw new InvalidArgumentError('dockerfile', `${dockerfile} is not a file`);
    const files = request.secrets.flatMap((secret, i): Array<[string, string]> =>
      'file' in secret ? [[`secrets[${i}].file`, secret.file]] : [],
    );
    for (const [field, file] of files)
      if (!(await isFile(file))) throw new InvalidArgumentError(field, `${file} is not a file`);
    const paths: Array<[string, string]> = [['context', request.context], ...files];
    const unseen = new Set(await cli.unseen(paths.map(([, path]) => path)));
    for (const [field, path] of paths)
      if (unseen.has(path)) throw new InvalidArgumentError(field, `${path} is not in a folder shared with Berth's VM`);
  }

  private async run(cli: DockerCli, live: LiveBuild): Promise<BuildRecord> {
    let record: BuildRecord;
    try {
      const imageId =
        live.builder === 'buildkit' ? await buildxBuild(cli, live) : await classicBuild(this.options, live);
      record = live.finish('succeeded', imageId ? { imageId } : {});
      // A budget that cannot be applied now is applied after the next build, or on demand.
      if (live.builder === 'buildkit') await this.options.afterBuild?.().catch(() => undefined);
    } catch (error) {
      record = live.controller.signal.aborted
        ? live.finish('cancelled', { error: 'The build was cancelled' })
        : live.finish('failed', { error: error instanceof CancelledError ? error.message : errorMessage(error) });
    }
    try {
      await this.history.put(record);
    } catch {
      // The build's result was sent; a history that cannot be written loses only this record.
    } finally {
      this.running.delete(live.id);
    }
    return record;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

function summary({ steps: _steps, log: _log, droppedLogLines: _dropped, ...rest }: BuildRecord): BuildSummary {
  return rest;
}
