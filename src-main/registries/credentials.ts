// What pulls, pushes, browsing and the CLIs ask of Berth's logins: the credentials for one registry, never shown.

/** The engine's X-Registry-Auth / /auth body for one registry (dockerode's AuthConfig). */
export interface RegistryAuth {
  username: string;
  password: string;
  /** A token the registry gave at login (OAuth refresh token) in place of a password; username and password are then "". */
  identitytoken?: string;
  /** The registry as the engine names it: "https://index.docker.io/v1/" for Docker Hub (logins' "docker.io"), else host[:port]. */
  serveraddress: string;
}

/** Looks up the login for a registry (as an image reference's domain names it: "docker.io", "127.0.0.1:5000"). */
export type CredentialLookup = (server: string) => Promise<RegistryAuth | undefined>;

/** Every login Berth keeps (the CLIs' runs are given them all: which registries a run needs is not known before). */
export type CredentialList = () => Promise<RegistryAuth[]>;
