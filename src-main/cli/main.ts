// The `berth` command line: `berth machine start|stop|restart|status|reset|ssh|logs|snapshot` on the same machine code as the app.
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ParseError } from '../core/parse-error';
import { AgentRequestError } from '../machine/agent-client';
import { berthHomeFolder, machineHome } from '../machine/machine-home';
import { ensurePrivateFolder } from '../machine/private-folder';
import { runAgent } from './agent-main';
import { snapshotCommand } from './snapshot-commands';
import {
  logsCommand,
  resetCommand,
  restartCommand,
  sshCommand,
  startCommand,
  statusCommand,
  stopCommand,
  type CommandContext,
  type ExitCode,
} from './machine-commands';

const USAGE = `Usage: berth machine <command> [options]

Commands:
  start     Start the machine and wait until the engine answers
              --cpus N  --memory SIZE (e.g. 4G; plain numbers are MiB)  --disk SIZE (e.g. 100G; plain numbers are GiB)
              --backend auto|qemu|native
              --idle-pause TIME (pause the VM after this long idle, e.g. 5m; 0 or off: never)
  stop      Stop the machine gracefully
  restart   Stop, then start
  status    Show the state (--json for scripts)
  reset     Delete every image, container and volume and start afresh (needs --yes)
  ssh       Open a shell in the VM, or run a command: berth machine ssh -- uname -a
  logs      Print the VM's console log (--engine: dockerd's log this boot; --agent: the agent's log)
  snapshot  Snapshots of the data disk (images, containers, volumes):
              ls [--json]  create  restore NAME --yes  rm NAME
              (create works live; restore stops a running VM and starts it again)

Environment: BERTH_HOME (data folder), BERTH_VM_ASSETS (the built VM: kernel, initrd, base image)
`;

async function main(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cpus: { type: 'string' },
      memory: { type: 'string' },
      disk: { type: 'string' },
      backend: { type: 'string' },
      'idle-pause': { type: 'string' },
      json: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      agent: { type: 'boolean', default: false },
      engine: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, command, ...rest] = positionals;
  if (values.help || group !== 'machine' || !command) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const home = machineHome(berthHomeFolder(process.env, process.platform, homedir()));
  await ensurePrivateFolder(home.root);
  const ctx: CommandContext = {
    home,
    cliEntry: fileURLToPath(new URL('../../bin/berth.js', import.meta.url)),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
  switch (command) {
    case 'start':
      return startCommand(ctx, values);
    case 'stop':
      return stopCommand(ctx);
    case 'restart':
      return restartCommand(ctx);
    case 'status':
      return statusCommand(ctx, values.json);
    case 'reset':
      return resetCommand(ctx, values.yes);
    case 'ssh':
      return sshCommand(ctx, rest);
    case 'logs':
      return logsCommand(ctx, values.agent ? 'agent' : values.engine ? 'engine' : 'console');
    case 'snapshot':
      return snapshotCommand(ctx, rest, values);
    case 'agent':
      return runAgent(home);
    default:
      process.stderr.write(`Unknown command "machine ${command}"\n\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const expected = error instanceof AgentRequestError || error instanceof ParseError || error instanceof TypeError;
  process.stderr.write(`berth: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!expected && process.env.BERTH_DEBUG) console.error(error);
  process.exitCode = 1;
}
