// Dockerfile advice DTOs: findings of the advice rules, each with its lines and, given an image, the layers it costs.

export type AdviceSeverity = 'high' | 'medium' | 'low';

export type AdviceRuleId =
  | 'context-copied-before-install'
  | 'package-cache-kept'
  | 'build-tools-in-final-stage'
  | 'consecutive-runs'
  | 'runs-as-root'
  | 'add-instead-of-copy'
  | 'unpinned-base-image'
  | 'secret-in-build-arg-or-env'
  | 'no-healthcheck'
  | 'apt-recommends-installed'
  | 'shell-form-command';

/** One entry of the image's history that an instruction of the Dockerfile made. */
export interface AdviceLayer {
  /** Index in the image's history, oldest (0) first. */
  history: number;
  /** The history entry's createdBy, as the builder wrote it. */
  createdBy: string;
  /** Bytes the layer adds. */
  size: number;
  /**
   * Bytes of the finding's `paths` inside this layer, when a layer analysis counted them (absent otherwise: then
   * `size` is the most the finding costs).
   */
  pathBytes?: number;
}

export interface AdviceFinding {
  rule: AdviceRuleId;
  severity: AdviceSeverity;
  /** A short title, e.g. "apt lists kept in the layer". */
  title: string;
  /** Plain English: what is wrong, why it matters, what to do. */
  message: string;
  /** 1-based first and last line of the Dockerfile the finding is about. */
  lines: { start: number; end: number };
  /** Those lines of the Dockerfile (the first 12 of them). */
  quote: string[];
  /** The image layers the instructions made, when an image was given and its history matched (else empty). */
  layers: AdviceLayer[];
  /** Folders in the image whose bytes the finding is about (e.g. "/var/lib/apt/lists"), for a layer analysis. */
  paths?: string[];
}

export interface AdviceReport {
  findings: AdviceFinding[];
  /** Build stages (FROM lines) in the Dockerfile. */
  stages: number;
  /** The image findings were tied to, and how much of its history matched the final stage's instructions. */
  image?: {
    id: string;
    /** RUN, COPY and ADD instructions of the final stage found in the image's history. */
    matched: number;
    /** RUN, COPY and ADD instructions in the final stage. */
    layerSteps: number;
  };
}
