// The built VM a machine boots: reads vm-assets' manifest.json and checks the files it names are there.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const fileSchema = z.object({ file: z.string().min(1), sha256: z.string() });
const manifestSchema = z.object({
  arch: z.string(),
  suite: z.string().optional(),
  builtAt: z.string().optional(),
  recipeHash: z.string(),
  kernel: fileSchema.extend({ version: z.string() }),
  initrd: fileSchema,
  base: fileSchema,
});

export interface VmAssets {
  arch: string;
  /** Hash of the recipe that built them: a new one means a new base image. */
  recipeHash: string;
  /** In words, for the snapshot taken before it first boots: suite, build date and recipe hash. */
  label: string;
  kernelVersion: string;
  kernelPath: string;
  initrdPath: string;
  basePath: string;
}

/** The assets in `folder`; throws saying how to build them when the folder or a file is missing. */
export async function readVmAssets(folder: string): Promise<VmAssets> {
  const manifestPath = join(folder, 'manifest.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new Error(`The VM is not built: ${manifestPath} is missing (build it with \`npm run vm:build\` as root)`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${manifestPath} is not a VM manifest: ${z.prettifyError(parsed.error)}`);
  const manifest = parsed.data;
  const assets: VmAssets = {
    arch: manifest.arch,
    recipeHash: manifest.recipeHash,
    label: [
      manifest.suite,
      manifest.builtAt && `built ${manifest.builtAt.slice(0, 10)}`,
      manifest.recipeHash.slice(0, 12),
    ]
      .filter(Boolean)
      .join(' '),
    kernelVersion: manifest.kernel.version,
    kernelPath: join(folder, manifest.kernel.file),
    initrdPath: join(folder, manifest.initrd.file),
    basePath: join(folder, manifest.base.file),
  };
  for (const path of [assets.kernelPath, assets.initrdPath, assets.basePath]) {
    await access(path).catch(() => {
      throw new Error(
        `The VM build in ${folder} is incomplete: ${path} is missing (rebuild with \`npm run vm:build\`)`,
      );
    });
  }
  return assets;
}
