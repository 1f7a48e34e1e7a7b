// Routes: one per page.
import { createRouter, createWebHashHistory } from 'vue-router';
import ContainersView from './views/ContainersView.vue';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/containers' },
    { path: '/containers', component: ContainersView },
  ],
});
