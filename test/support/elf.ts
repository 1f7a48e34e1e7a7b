// Reads ELF files: whether an executable is statically linked, its machine, the dynamic symbols it imports.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

const PT_INTERP = 3;

/** True for a 64-bit little-endian ELF without an interpreter; undefined when the format is not understood. */
export function isStaticElf(file: string): boolean | undefined {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(64);
    readSync(fd, header, 0, 64, 0);
    const isElf64Le = header.readUInt32BE(0) === 0x7f454c46 && header[4] === 2 && header[5] === 1;
    if (!isElf64Le) return undefined;
    const phoff = Number(header.readBigUInt64LE(0x20));
    const phentsize = header.readUInt16LE(0x36);
    const phnum = header.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) {
      if (table.readUInt32LE(i * phentsize) === PT_INTERP) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

const SHT_DYNSYM = 11;
const SHN_UNDEF = 0;

/** A 64-bit little-endian ELF's machine (62 = x86-64, 183 = AArch64); undefined for any other file. */
export function elfMachine(file: string): number | undefined {
  const header = readFileSync(file).subarray(0, 64);
  const isElf64Le = header.length === 64 && header.readUInt32BE(0) === 0x7f454c46 && header[4] === 2 && header[5] === 1;
  return isElf64Le ? header.readUInt16LE(0x12) : undefined;
}

/** The names of the dynamic symbols a 64-bit little-endian ELF imports (undefined in its .dynsym). */
export function importedDynamicSymbols(file: string): string[] {
  const elf = readFileSync(file);
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      type: elf.readUInt32LE(at + 4),
      offset: Number(elf.readBigUInt64LE(at + 24)),
      size: Number(elf.readBigUInt64LE(at + 32)),
      link: elf.readUInt32LE(at + 40),
      entsize: Number(elf.readBigUInt64LE(at + 56)),
    };
  };
  const names: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const dynsym = section(i);
    if (dynsym.type !== SHT_DYNSYM) continue;
    const strings = section(dynsym.link);
    for (let at = dynsym.offset; at < dynsym.offset + dynsym.size; at += dynsym.entsize) {
      if (elf.readUInt16LE(at + 6) !== SHN_UNDEF) continue;
      const start = strings.offset + elf.readUInt32LE(at);
      const name = elf.toString('latin1', start, elf.indexOf(0, start));
      if (name) names.push(name);
    }
  }
  return names;
}
