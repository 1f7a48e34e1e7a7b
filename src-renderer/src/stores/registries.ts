// Docker Hub and the registries with a login or trust settings, where a new login goes; login, logout and trust
// re-read the list so every page shows the same logins.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CredentialStore, RegistrySummary } from '../../../src-main/contract/dto/registries';
import type { ArgsOf } from '../../../src-main/contract/api';
import { berth } from '../api';

export const useRegistriesStore = defineStore('registries', () => {
  const registries = shallowRef<RegistrySummary[]>([]);
  const store = shallowRef<CredentialStore>();
  const loading = ref(true);
  /** Why the list could not be read, shown with a retry. */
  const error = ref<string>();

  async function refresh(): Promise<void> {
    try {
      const list = await berth.call('registries.list', {});
      registries.value = list.registries;
      store.value = list.store;
      error.value = undefined;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  /** Logs in (the registry checks it first); rejects with the registry's refusal and keeps nothing then. */
  async function login(args: ArgsOf<'registries.login'>): Promise<RegistrySummary> {
    const summary = await berth.call('registries.login', args);
    await refresh();
    return summary;
  }

  async function logout(server: string): Promise<void> {
    await berth.call('registries.logout', { server });
    await refresh();
  }

  async function setTrust(args: ArgsOf<'registries.setTrust'>): Promise<RegistrySummary> {
    const summary = await berth.call('registries.setTrust', args);
    await refresh();
    return summary;
  }

  /** The registry as the list has it, by server name. */
  const find = (server: string) => registries.value.find((r) => r.server === server);

  void refresh();
  return { registries, store, loading, error, refresh, login, logout, setTrust, find };
});
