// Build cache DTOs: the engine's build cache records with the Dockerfile step that made each, and what a prune did.
import type { PruneItem } from './system';

/** What a record holds: a step's result, a `RUN --mount=type=cache` folder, a build context, a base image, BuildKit's own. */
export type BuildCacheKind = 'step' | 'cache-mount' | 'context' | 'base' | 'frontend' | 'internal' | 'other';

export interface BuildCacheRecord {
  /** BuildKit's record id (25 characters). */
  id: string;
  /** Records this one builds on. */
  parents: string[];
  /** BuildKit's type: regular, source.local, exec.cachemount, frontend, internal… */
  type: string;
  kind: BuildCacheKind;
  /** The engine's description, verbatim. */
  description: string;
  /** The Dockerfile step that made it, readable ("RUN apk add curl", "COPY . /app"), when the description names one. */
  step?: string;
  /** The build stage the step belongs to ("builder", "stage-1"), when the description names it. */
  stage?: string;
  /** The step's place in its stage ("2/3"), when the description names it. */
  position?: string;
  /** A cache mount's target folder in the step ("/root/.cache"). */
  mountTarget?: string;
  /** Bytes. */
  size: number;
  /** Shared with an image the engine keeps (its bytes count there, not here). */
  shared: boolean;
  /** Used by a build now: no prune removes it. */
  inUse: boolean;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; absent when never used since made. */
  lastUsedAt?: string;
  usageCount: number;
}

export interface BuildCacheList {
  records: BuildCacheRecord[];
  /** Bytes only the build cache holds (shared records left out), as `docker system df` counts it. */
  total: number;
  /** Of `total`, the bytes of records no build uses now. */
  reclaimable: number;
  /** The budget from the settings, in bytes; absent when none is set. */
  budget?: number;
}

/** A record a prune was asked to remove and the engine kept, with why. */
export interface BuildCacheKept {
  id: string;
  name: string;
  reason: string;
}

export interface BuildCachePruneResult {
  removed: PruneItem[];
  /** Bytes, as the engine reports them. */
  spaceReclaimed: number;
  kept: BuildCacheKept[];
  /** The build cache's total (unshared bytes) afterwards. */
  total: number;
}
