// Engines Berth can use besides this computer's: the docker CLI's contexts, as the UI sees them (no key material).

export interface EngineContext {
  name: string;
  description: string;
  /** unix://, npipe://, tcp:// or ssh:// */
  host: string;
  /** The context carries TLS files (CA, client certificate, key); never their content. */
  tls: boolean;
  skipTlsVerify: boolean;
  /** The docker CLI's current context. */
  current: boolean;
}

export interface EngineContextList {
  /** The "default" context first, then by name. */
  contexts: EngineContext[];
  /** Contexts that could not be read, each in a sentence. */
  problems: string[];
}
