// The Dockerfile last opened on each image's Advice tab, kept while the app runs.
import { defineStore } from 'pinia';
import { reactive } from 'vue';

export const useDockerfilePathsStore = defineStore('dockerfile-paths', () => {
  /** Image id → absolute path of the Dockerfile. */
  const byImage = reactive<Record<string, string>>({});
  return { byImage };
});
