// Image DTOs: summaries, details, history layers and pull/push/build progress.

export interface ImageSummary {
  id: string;
  /** "repo:tag" references; empty for dangling images. */
  repoTags: string[];
  repoDigests: string[];
  /** Creation time, unix seconds. */
  created: number;
  /** Bytes. */
  size: number;
  /** How many of the user's containers (running or not) use this image; Berth's helpers do not count. */
  containers: number;
  /** No tags: shown as <none>. */
  dangling: boolean;
  labels: Record<string, string>;
  /** Berth's own helper image (label berth.helper=1), not the user's; lists hide it by default. */
  berthOwned: boolean;
}

export interface ImageDetail {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** ISO 8601. */
  created: string;
  size: number;
  architecture: string;
  os: string;
  author: string;
  /** `NAME=value` entries; a variable marked secret (see SECRET_ENV_LABEL_PREFIX) reads `NAME=` + HIDDEN_ENV_VALUE, here and in `raw`. */
  env: string[];
  /** Names of the variables marked secret (their values are hidden), sorted. */
  secretEnv: string[];
  command: string[];
  entrypoint: string[];
  /** "80/tcp" style keys of the image's ExposedPorts. */
  exposedPorts: string[];
  /** Paths declared with VOLUME. */
  volumes: string[];
  workingDir: string;
  user: string;
  labels: Record<string, string>;
  raw: Record<string, unknown>;
}

export interface ImageLayer {
  /** Image id of the layer, or "<missing>" for layers built elsewhere. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The instruction that made the layer. */
  createdBy: string;
  /** Bytes. */
  size: number;
  comment: string;
  tags: string[];
}

export interface ImageRemoval {
  untagged: string[];
  deleted: string[];
}

/** Progress of one layer in a pull or push. */
export interface LayerProgress {
  id: string;
  status: string;
  /** Bytes done, when the engine reports it. */
  current?: number;
  /** Bytes in all, when the engine reports it. */
  total?: number;
}
