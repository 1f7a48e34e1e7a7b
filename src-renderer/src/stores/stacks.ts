// Every compose project on the engine, re-fetched when its containers, networks or volumes change; and whether
// the compose CLI can run where the engine is.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ComposeAvailability, Stack } from '../../../src-main/contract/dto/stacks';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useStacksStore = defineStore('stacks', () => {
  const list = useResourceList<Stack>(
    () => berth.call('stacks.list', {}),
    ['containers.changed', 'networks.changed', 'volumes.changed'],
  );
  /** Undefined until main answered; actions stay enabled meanwhile (they fail with the CLI's words). */
  const compose = ref<ComposeAvailability>();

  async function checkCompose(): Promise<void> {
    try {
      compose.value = await berth.call('stacks.compose', {});
    } catch (e) {
      compose.value = { available: false, where: 'host', reason: e instanceof Error ? e.message : String(e) };
    }
  }
  /** Why stack actions cannot run (the compose CLI is missing), or undefined when they can. */
  const composeMissing = computed(() =>
    compose.value && !compose.value.available
      ? (compose.value.reason ?? 'The compose CLI is not available')
      : undefined,
  );
  berth.on('engine.state', (s) => s.state === 'connected' && void checkCompose());
  void checkCompose();

  return { ...list, compose, composeMissing };
});
