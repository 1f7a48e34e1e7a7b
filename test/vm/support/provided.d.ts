// Types of the values the VM tests' global setup provides through vitest's inject().
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the built VM (manifest.json, vmlinuz, initrd.img, base.qcow2). */
    vmAssets: string;
  }
}
