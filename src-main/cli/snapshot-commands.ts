// `berth machine snapshot ls|create|restore|rm`: the data disk's snapshots, through the machine agent.
import type { DiskSnapshot, DiskSnapshotList } from '../contract/dto/machine';
import type { AgentSnapshotMethod } from '../machine/agent-protocol';
import { ensureAgent } from './agent-launcher';
import type { CommandContext, ExitCode } from './machine-commands';
import { progressPrinter } from './progress-printer';

const SUBCOMMANDS = ['ls', 'create', 'restore', 'rm'] as const;

/** Runs `berth machine snapshot <sub> [name]`; restore needs `--yes`, as it replaces the data disk. */
export async function snapshotCommand(
  ctx: CommandContext,
  args: string[],
  flags: { yes: boolean; json: boolean },
): Promise<ExitCode> {
  const [sub, name, ...extra] = args;
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number]) || extra.length > 0) {
    ctx.err('Usage: berth machine snapshot ls [--json] | create | restore NAME --yes | rm NAME\n');
    return 2;
  }
  const needsName = sub === 'restore' || sub === 'rm';
  if (needsName !== (name !== undefined)) {
    ctx.err(
      needsName ? `berth machine snapshot ${sub} needs the snapshot's name (see \`ls\`)\n` : `${sub} takes no name\n`,
    );
    return 2;
  }
  if (sub === 'restore' && !flags.yes) {
    ctx.err(
      `Restoring "${name}" puts every image, container and volume back as they were then: everything made or changed ` +
        'since is lost. A running VM is stopped and started again.\n' +
        `Run \`berth machine snapshot restore '${name}' --yes\` to go ahead.\n`,
    );
    return 2;
  }
  const method = `snapshots.${{ ls: 'list', create: 'create', restore: 'restore', rm: 'delete' }[sub as string]}`;
  const client = await ensureAgent(ctx.home, ctx.cliEntry);
  try {
    if (sub === 'create' || sub === 'restore') client.onStatus(progressPrinter(ctx.err));
    const { snapshots: list } = await client.requestSnapshots(method as AgentSnapshotMethod, name);
    if (sub === 'ls') ctx.out(flags.json ? `${JSON.stringify(list)}\n` : table(list));
    else if (sub === 'create') ctx.out(`Took the snapshot "${list.snapshots[0]?.name ?? ''}"\n`);
    else ctx.out(`${sub === 'rm' ? 'Deleted' : 'Restored'} the snapshot "${name}"\n`);
    return 0;
  } finally {
    client.close();
  }
}

function table(list: DiskSnapshotList): string {
  const note = `Berth keeps the ${list.keepAutomatic} newest automatic snapshots (taken before a new VM image boots).\n`;
  if (list.snapshots.length === 0) return `No snapshots of the data disk yet.\n${note}`;
  const rows = list.snapshots.map((snapshot) => [snapshot.name, reasonText(snapshot), snapshot.createdAt]);
  const widths = [0, 1].map((column) => Math.max(...[['NAME', 'REASON'], ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}\n`;
  const size = `The data disk takes ${(list.diskAllocatedBytes / 1024 ** 3).toFixed(1)} GiB on this computer, snapshots included.\n`;
  return line(['NAME', 'REASON', 'TAKEN']) + rows.map(line).join('') + size + note;
}

function reasonText(snapshot: DiskSnapshot): string {
  return snapshot.reason === 'manual' ? 'manual' : 'before a new VM image';
}
