// Compose stacks: read from the engine's labels, changed only by the official compose CLI where the engine is.
import { stat } from 'node:fs/promises';
import type {
  ComposeAvailability,
  ComposeFiles,
  Stack,
  StackOutputLine,
  StackPreview,
  StackRemoval,
} from '../contract/dto/stacks';
import { Batcher } from '../core/batcher';
import { CliFailedError, type CliResult } from '../docker-cli/cli-runner';
import type { DockerCli } from '../docker-cli/docker-cli';
import { InvalidArgumentError, NotFoundError, UnsupportedError } from '../engine/errors';
import type { OperationRegistry } from '../engine/operations';
import { argsForFiles, argsForStack, filesOf } from './compose-args';
import { composeAvailability } from './compose-availability';
import { outputLine, outputReader, planFromDryRun } from './compose-output';
import { previewFromConfig } from './compose-preview';
import { StackLogSources } from './stack-log-sources';
import { followStackLogs, type EngineEvents, type JoinableLogs } from './stack-logs-follower';
import type { StackReader } from './stack-reader';

export type StackAction = 'start' | 'stop' | 'restart' | 'pull' | 'build';

export interface StackServiceDeps {
  reader: StackReader;
  /** The CLI for the engine now (Berth's VM's while it runs, else this computer's). */
  cli: () => DockerCli;
  operations: OperationRegistry;
  /** Sends the CLI's lines of an operation to clients. */
  output: (operation: string, lines: StackOutputLine[]) => void;
  /** The engine's events, for the containers that join a project's following logs. */
  events: EngineEvents;
}

/** How long an answer about the compose CLI is trusted, in ms. */
const AVAILABILITY_TTL_MS = 30_000;

export class StackService {
  private availability: { at: number; cli: DockerCli; answer: ComposeAvailability } | undefined;

  constructor(private readonly deps: StackServiceDeps) {}

  list(): Promise<Stack[]> {
    return this.deps.reader.list();
  }

  /**
   * The project from its labels, completed from its compose files when they can still be read: services with no
   * container (scaled to 0, or not up yet) and which services build.
   */
  async inspect(name: string): Promise<Stack> {
    const stack = await this.deps.reader.inspect(name);
    const config = await this.configOf(stack).catch(() => undefined);
    return config ? withConfiguredServices(stack, config) : stack;
  }

  private async configOf(stack: Stack): Promise<StackPreview | undefined> {
    if (!stack.configFiles.length) return undefined;
    const cli = await this.readyCli(stackFiles(stack));
    const { stdout } = await cli.run([...argsForStack(stack, true), 'config', '--format', 'json']);
    return previewFromConfig(stdout, '');
  }

  /** The containers a project's merged logs read. @throws NotFoundError when it has none. */
  async logSources(name: string): Promise<StackLogSources> {
    const sources = new StackLogSources(await this.deps.reader.inspect(name));
    if (sources.sources.length === 0) throw new NotFoundError(`compose project "${name}" has no service containers`);
    return sources;
  }

  /**
   * Until `session` ends, each service container of the project that starts joins it (a scale up, a recreate), or
   * is read again when it is one of its sources (a restart).
   */
  followLogs(name: string, sources: StackLogSources, session: JoinableLogs): void {
    followStackLogs(this.deps.events, name, sources, session, () => this.deps.reader.inspect(name));
  }

  removal(name: string, volumes: boolean): Promise<StackRemoval> {
    return this.deps.reader.removal(name, volumes);
  }

  async compose(): Promise<ComposeAvailability> {
    const cli = this.deps.cli();
    const known = this.availability;
    if (known && known.cli === cli && Date.now() - known.at < AVAILABILITY_TTL_MS) return known.answer;
    const answer = await composeAvailability(cli);
    this.availability = { at: Date.now(), cli, answer };
    return answer;
  }

  async preview(files: ComposeFiles): Promise<StackPreview> {
    const cli = await this.readyCli(filesOf(files));
    const project = argsForFiles(files);
    const config = await cli.run([...project, 'config', '--format', 'json']);
    const preview = previewFromConfig(config.stdout, config.stderr);
    const existing = await this.deps.reader.list(preview.name);
    if (!existing.length) return preview;
    const lines: StackOutputLine[] = [];
    const read = outputReader();
    await cli
      .run([...project, 'up', '-d', '--dry-run', '--remove-orphans'], {
        onLine: (s, l) => lines.push(read(s, l)),
      })
      .catch((error: Error) => {
        // The dry run stops where a real up would have to wait (a health check it cannot run): what it saw still counts.
        preview.warnings.push(`The dry run stopped: ${error.message}`);
        return undefined;
      });
    return { ...preview, plan: planFromDryRun(lines, preview.name) };
  }

  async up(files: ComposeFiles & { services: string[] }, operation?: string): Promise<Stack> {
    const cli = await this.readyCli(filesOf(files));
    const project = argsForFiles(files);
    const { stdout } = await cli.run([...project, 'config', '--format', 'json']);
    const name = previewFromConfig(stdout, '').name;
    await this.withOutput(operation, (onLine, signal) =>
      cli.run([...project, 'up', '-d', '--remove-orphans', ...files.services], { onLine, signal }),
    );
    return this.deps.reader.inspect(name);
  }

  async down(name: string, volumes: boolean, operation?: string): Promise<StackRemoval> {
    const stack = await this.deps.reader.inspect(name);
    const removal = await this.deps.reader.removal(name, volumes);
    const cli = await this.readyCli(stackFiles(stack));
    await this.withOutput(operation, (onLine, signal) =>
      cli.run([...argsForStack(stack, true), 'down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])], {
        onLine,
        signal,
      }),
    );
    return removal;
  }

  async run(name: string, action: StackAction, services: string[], operation?: string): Promise<Stack> {
    const reachEveryProfile = action === 'start' || action === 'stop' || action === 'restart';
    return this.onStack(name, operation, [action, ...services], reachEveryProfile);
  }

  scale(name: string, service: string, replicas: number, operation?: string): Promise<Stack> {
    return this.onStack(name, operation, [
      'up',
      '-d',
      '--no-recreate',
      '--no-deps',
      '--scale',
      `${service}=${replicas}`,
      service,
    ]);
  }

  recreate(name: string, service: string, operation?: string): Promise<Stack> {
    return this.onStack(name, operation, ['up', '-d', '--force-recreate', '--no-deps', service]);
  }

  /** Runs `compose <project's args> <command…>` for an existing project and returns the project afterwards. */
  private async onStack(
    name: string,
    operation: string | undefined,
    command: string[],
    allProfiles = false,
  ): Promise<Stack> {
    const stack = await this.deps.reader.inspect(name);
    const cli = await this.readyCli(stackFiles(stack));
    await this.withOutput(operation, (onLine, signal) =>
      cli.run([...argsForStack(stack, allProfiles), ...command], { onLine, signal }),
    );
    return this.deps.reader.inspect(name);
  }

  /** The CLI, once compose runs there and it can read every one of `paths`. */
  private async readyCli(paths: string[]): Promise<DockerCli> {
    const availability = await this.compose();
    if (!availability.available) throw new UnsupportedError(availability.reason ?? 'the compose CLI is not available');
    for (const path of paths) {
      const found = await stat(path).catch(() => undefined);
      if (!found) throw new InvalidArgumentError('files', `${path} does not exist on this computer`);
    }
    const cli = this.deps.cli();
    const unseen = await cli.unseen(paths);
    if (unseen.length)
      throw new InvalidArgumentError(
        'files',
        `${unseen.join(', ')} ${unseen.length === 1 ? 'is' : 'are'} outside the folders shared with Berth's VM: ` +
          'add the folder in Settings › File sharing (the VM restarts to share it), then try again',
      );
    return cli;
  }

  /** Runs `work` as a cancellable operation whose output lines reach clients in batches as they come. */
  private withOutput(
    operation: string | undefined,
    work: (onLine: (stream: 'stdout' | 'stderr', line: string) => void, signal: AbortSignal) => Promise<CliResult>,
  ): Promise<CliResult> {
    return this.deps.operations.run(operation, async (op) => {
      const batch = new Batcher<StackOutputLine>((lines) => this.deps.output(op.id, lines), { intervalMs: 50 });
      const read = outputReader();
      try {
        return await work((stream, line) => batch.push(read(stream, line)), op.signal);
      } catch (error) {
        throw error instanceof CliFailedError ? withoutProgress(error) : error;
      } finally {
        batch.flush();
      }
    });
  }
}

/** The CLI's failure without its progress and warning lines (they came as output already): what went wrong. */
function withoutProgress(error: CliFailedError): CliFailedError {
  const said = error.stderr
    .split('\n')
    .filter((line) => line.trim() && !outputLine('stderr', line).object && !/level=warning/.test(line))
    .join('\n');
  return said ? new CliFailedError(error.exitCode, said, 'docker compose') : error;
}

function withConfiguredServices(stack: Stack, config: StackPreview): Stack {
  const services = new Map(stack.services.map((service) => [service.name, service]));
  for (const configured of config.services) {
    const known = services.get(configured.name);
    const buildSettings = configured.buildSettings ? { buildSettings: configured.buildSettings } : {};
    if (known) Object.assign(known, { build: configured.build, ...buildSettings });
    else
      services.set(configured.name, {
        name: configured.name,
        image: configured.image ?? '',
        containers: [],
        running: 0,
        build: configured.build,
        ...buildSettings,
      });
  }
  return { ...stack, services: [...services.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The files a project was brought up with, as its labels record them. */
function stackFiles(stack: Stack): string[] {
  return [...stack.configFiles, ...stack.envFiles];
}
