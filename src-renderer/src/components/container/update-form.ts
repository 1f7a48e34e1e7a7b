// The limits dialog's form: memory, memory+swap, CPUs, CPU shares and restart policy, prefilled from inspect,
// checked like the run dialog's fields, and the containers.update arguments for what changed.
import type { ArgsOf } from '../../../../src-main/contract/api';
import type { ContainerDetail } from '../../../../src-main/contract/dto/containers';
import { parseByteSize, parseMemorySwap } from '../../../../src-main/core/bytes';
import { fieldMessage } from '../images/field-message';
import { cpusError, memoryError, type RestartPolicy } from '../images/run-form';

export interface UpdateForm {
  /** `--memory` syntax; blank: no limit. */
  memory: string;
  /** `--memory-swap` syntax (memory plus swap, -1 unlimited); blank: the engine's default. */
  memorySwap: string;
  /** `--cpus` syntax; blank: no limit. */
  cpus: string;
  /** Blank: the engine's default (1024). */
  cpuShares: string;
  restartPolicy: RestartPolicy;
  restartMaxRetries: number | null;
}

export type UpdateField = keyof UpdateForm;

const UNITS: Array<[string, number]> = [
  ['g', 1024 ** 3],
  ['m', 1024 ** 2],
  ['k', 1024],
];

/** Bytes as the shortest exact `--memory` text: 100663296 → "96m"; 0 → "". */
export function sizeText(bytes: number): string {
  if (bytes === 0) return '';
  if (bytes === -1) return '-1';
  const unit = UNITS.find(([, size]) => bytes % size === 0);
  return unit ? `${bytes / unit[1]}${unit[0]}` : String(bytes);
}

export function updateFormOf(c: ContainerDetail): UpdateForm {
  return {
    memory: sizeText(c.memoryLimit),
    memorySwap: sizeText(c.memorySwap),
    cpus: c.nanoCpus ? String(c.nanoCpus / 1e9) : '',
    cpuShares: c.cpuShares ? String(c.cpuShares) : '',
    restartPolicy: (c.restartPolicy.name || 'no') as RestartPolicy,
    restartMaxRetries: c.restartPolicy.name === 'on-failure' ? c.restartPolicy.maximumRetryCount : null,
  };
}

const REMOVE = 'the engine cannot lift a limit it has set: give a value';

function swapError(form: UpdateForm, before: UpdateForm): string | undefined {
  const text = form.memorySwap.trim();
  if (!text) return before.memorySwap ? REMOVE : undefined;
  let swap: number;
  try {
    swap = parseMemorySwap(text);
  } catch (error) {
    return fieldMessage(error, text);
  }
  if (swap === -1 || !form.memory.trim() || memoryError(form.memory)) return undefined;
  return swap < parseByteSize(form.memory.trim()) ? 'must be at least the memory limit (memory + swap)' : undefined;
}

function sharesError(text: string): string | undefined {
  const shares = text.trim();
  if (!shares) return undefined;
  const n = Number(shares);
  return Number.isInteger(n) && n >= 2 && n <= 262_144 ? undefined : 'must be a whole number from 2 to 262144';
}

export function validateUpdateForm(form: UpdateForm, before: UpdateForm): Partial<Record<UpdateField, string>> {
  const errors: Partial<Record<UpdateField, string>> = {};
  const set = (field: UpdateField, message: string | undefined) => message && (errors[field] = message);
  set('memory', !form.memory.trim() && before.memory ? REMOVE : memoryError(form.memory));
  set('memorySwap', swapError(form, before));
  set('cpus', !form.cpus.trim() && before.cpus ? REMOVE : cpusError(form.cpus));
  set('cpuShares', !form.cpuShares.trim() && before.cpuShares ? REMOVE : sharesError(form.cpuShares));
  return errors;
}

/** The arguments for what differs from `before`; only `id` when nothing does. */
export function updateArgs(id: string, form: UpdateForm, before: UpdateForm): ArgsOf<'containers.update'> {
  const changed = (field: UpdateField) => form[field] !== before[field] && String(form[field]).trim() !== '';
  const restartChanged =
    form.restartPolicy !== before.restartPolicy || form.restartMaxRetries !== before.restartMaxRetries;
  return {
    id,
    ...(changed('memory') ? { memory: form.memory.trim() } : {}),
    ...(changed('memorySwap') ? { memorySwap: form.memorySwap.trim() } : {}),
    ...(changed('cpus') ? { cpus: form.cpus.trim() } : {}),
    ...(changed('cpuShares') ? { cpuShares: Number(form.cpuShares) } : {}),
    ...(restartChanged
      ? {
          restartPolicy: form.restartPolicy,
          ...(form.restartPolicy === 'on-failure' && form.restartMaxRetries !== null
            ? { restartMaxRetries: form.restartMaxRetries }
            : {}),
        }
      : {}),
  };
}
