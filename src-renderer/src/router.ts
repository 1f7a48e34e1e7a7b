// Routes: one per page; detail pages take the object's id or name.
import { createRouter, createWebHashHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/containers' },
    { path: '/containers', name: 'containers', component: () => import('./views/ContainersView.vue') },
    {
      path: '/containers/:id/:tab?',
      name: 'container',
      component: () => import('./views/ContainerDetailView.vue'),
      props: true,
    },
    { path: '/stacks', name: 'stacks', component: () => import('./views/StacksView.vue') },
    { path: '/stacks/:name', name: 'stack', component: () => import('./views/StackDetailView.vue'), props: true },
    {
      path: '/stacks/:name/logs',
      name: 'stack-logs',
      component: () => import('./views/StackLogsView.vue'),
      props: true,
    },
    { path: '/images', name: 'images', component: () => import('./views/ImagesView.vue') },
    {
      path: '/images/:id/:tab?',
      name: 'image',
      component: () => import('./views/ImageDetailView.vue'),
      props: true,
    },
    { path: '/builds', name: 'builds', component: () => import('./views/BuildsView.vue') },
    { path: '/builds/:id', name: 'build', component: () => import('./views/BuildDetailView.vue'), props: true },
    { path: '/volumes', name: 'volumes', component: () => import('./views/VolumesView.vue') },
    { path: '/volumes/:name', name: 'volume', component: () => import('./views/VolumeDetailView.vue'), props: true },
    { path: '/networks', name: 'networks', component: () => import('./views/NetworksView.vue') },
    { path: '/networks/:id', name: 'network', component: () => import('./views/NetworkDetailView.vue'), props: true },
    { path: '/system', name: 'system', component: () => import('./views/SystemView.vue') },
    { path: '/system/build-cache', name: 'build-cache', component: () => import('./views/BuildCacheView.vue') },
    { path: '/terminal', name: 'terminal', component: () => import('./views/TerminalView.vue') },
    {
      path: '/registries/:server',
      name: 'registry',
      component: () => import('./views/RegistryView.vue'),
      props: true,
    },
    { path: '/settings/:section?', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/troubleshoot', name: 'troubleshoot', component: () => import('./views/TroubleshootView.vue') },
  ],
});
