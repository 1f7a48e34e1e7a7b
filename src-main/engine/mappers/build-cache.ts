// Engine API build cache records (GET /system/df BuildCache) → contract DTOs.
import type { BuildCacheRecord } from '../../contract/dto/build-cache';
import { buildCacheOrigin } from '../../core/build-cache-step';

/** One BuildCache entry; docker 26 spells the parents' key " Parents" (with the space), older engines "Parent". */
export interface BuildCacheJson {
  ID: string;
  Type?: string;
  Description?: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
  CreatedAt?: string;
  LastUsedAt?: string | null;
  UsageCount?: number;
  Parent?: string;
  Parents?: string[] | null;
  ' Parents'?: string[] | null;
}

function parentsOf(json: BuildCacheJson): string[] {
  const listed = json.Parents ?? json[' Parents'];
  if (listed) return listed;
  return json.Parent ? [json.Parent] : [];
}

export function toBuildCacheRecord(json: BuildCacheJson): BuildCacheRecord {
  const type = json.Type ?? 'regular';
  const description = json.Description ?? '';
  return {
    id: json.ID,
    parents: parentsOf(json),
    type,
    description,
    ...buildCacheOrigin(type, description),
    size: json.Size,
    shared: json.Shared,
    inUse: json.InUse,
    createdAt: json.CreatedAt ?? '',
    ...(json.LastUsedAt ? { lastUsedAt: json.LastUsedAt } : {}),
    usageCount: json.UsageCount ?? 0,
  };
}

/** The name a prune report gives a record: its step, else its description, else its short id. */
export function buildCacheName(record: BuildCacheRecord): string {
  return record.step ?? (record.description || record.id.slice(0, 12));
}
