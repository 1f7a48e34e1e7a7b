// Reads the header of a host executable: is it a static ELF binary, and for which CPU.
import { open } from 'node:fs/promises';

const ELF_MAGIC = 0x7f454c46;
const PT_INTERP = 3;
/** ELF e_machine → the engine's architecture name (`docker version` Arch). */
const MACHINES: Record<number, string> = { 62: 'amd64', 183: 'arm64' };

export interface ElfInfo {
  /** No PT_INTERP program header: runs without a dynamic loader, so in any root filesystem. */
  isStatic: boolean;
  /** Engine architecture name ("amd64", "arm64"), or undefined for another CPU. */
  arch: string | undefined;
}

/** The ELF facts of `file`, or undefined when it is missing or not a 64-bit little-endian ELF. */
export async function readElfInfo(file: string): Promise<ElfInfo | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const header = Buffer.alloc(64);
    const { bytesRead } = await handle.read(header, 0, 64, 0);
    const isElf64Le = bytesRead === 64 && header.readUInt32BE(0) === ELF_MAGIC && header[4] === 2 && header[5] === 1;
    if (!isElf64Le) return undefined;
    const machine = header.readUInt16LE(0x12);
    const phoff = Number(header.readBigUInt64LE(0x20));
    const phentsize = header.readUInt16LE(0x36);
    const phnum = header.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    const read = await handle.read(table, 0, table.length, phoff);
    if (read.bytesRead !== table.length) return undefined;
    let isStatic = true;
    for (let i = 0; i < phnum; i++) {
      if (table.readUInt32LE(i * phentsize) === PT_INTERP) isStatic = false;
    }
    return { isStatic, arch: MACHINES[machine] };
  } finally {
    await handle.close();
  }
}
