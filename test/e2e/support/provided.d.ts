// Types of the values the e2e global setup provides through vitest's inject().
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the built renderer (index.html and assets). */
    rendererDir: string;
  }
}
