// What an SBOM describes and when it was made: the image, and the document's own id and time.

export interface SbomSubject {
  /** The image's name as the user knows it ("web:1.2") or its id. */
  name: string;
  /** The image id ("sha256:…"). */
  digest: string;
  created: Date;
  /** A random UUID for the document's serial number / namespace. */
  uuid: string;
  /** The tool's version, for the document's creator. */
  toolVersion: string;
}
