// Types of the values global setup provides to integration tests through vitest's inject().
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** DOCKER_HOST-style address of the engine under test. */
    dockerHost: string;
    /** Tag of the busybox test image. */
    testImage: string;
    /** Id of this vitest run; test processes append their own suffix for labels. */
    testRunId: string;
  }
}
