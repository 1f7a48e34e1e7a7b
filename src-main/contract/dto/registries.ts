// Registry DTOs: the registries Berth knows with their logins (never a password), where credentials are kept, a registry's repositories and tags, Docker Hub search.

/**
 * Where a login is kept: the credential helper `~/.docker/config.json` names (credsStore / credHelpers, shared with the
 * docker CLI), Berth's data folder encrypted with the OS keychain, memory only (no keychain: gone when Berth quits),
 * or the `auths` of the docker CLI's config.json as `docker login` wrote it without a helper (read, never written).
 */
export type CredentialStorage = 'helper' | 'keychain' | 'memory' | 'config-file';

/** Where a new login made in Berth would go, and what the user should know about it. */
export interface CredentialStore {
  storage: Exclude<CredentialStorage, 'config-file'>;
  /** The credential helper's name ("pass", "osxkeychain", "desktop") when storage is `helper`. */
  helper?: string;
  /** A sentence for the Registries page, e.g. "No keychain: logins last until Berth quits." */
  notice?: string;
}

export interface RegistrySummary {
  /** The registry as logins name it: "docker.io" for Docker Hub, else "host[:port]". */
  server: string;
  /** "Docker Hub", or the server. */
  title: string;
  /** The user name logged in with; absent when not logged in. */
  username?: string;
  /** Where its login is kept; absent when not logged in. */
  storage?: CredentialStorage;
  /** The helper that keeps it, for storage `helper`. */
  helper?: string;
  /** A CA certificate is set for it (Berth's VM gets it at its next start). */
  caCertificate: boolean;
  /** Marked insecure (plain HTTP or an unverified certificate) for Berth's VM. */
  insecure: boolean;
  /**
   * From registries.setTrust on an engine that is not Berth's VM: what that engine needs on its own machine
   * (/etc/docker/certs.d/HOST/ca.crt, insecure-registries), since Berth only uses the setting in its own client.
   */
  engineNotice?: string;
}

export interface RegistryList {
  /** Where a new login goes. */
  store: CredentialStore;
  /** Docker Hub first, then the others by server. */
  registries: RegistrySummary[];
}

export interface RegistryRepositoryPage {
  /** Repository names, e.g. "team/app". */
  repositories: string[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface RegistryTag {
  tag: string;
  /** The manifest digest the tag points to ("sha256:…"), when the registry told it. */
  digest?: string;
  /** The manifest's media type (image manifest, OCI index, manifest list). */
  mediaType?: string;
}

export interface RegistryTagList {
  repository: string;
  tags: RegistryTag[];
  /** The registry allows deleting manifests (answers DELETE), when known. */
  deletable?: boolean;
}

export interface RegistryTagRemoval {
  /** The manifest deleted. */
  digest: string;
  /** Every tag that pointed to that manifest, and so is gone too. */
  tags: string[];
}

export interface ImageSearchResult {
  /** "nginx", "bitnami/redis". */
  name: string;
  description: string;
  stars: number;
  official: boolean;
}
