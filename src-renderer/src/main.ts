// Renderer entry: Vue app with Pinia and the router.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { berth } from './api';
import { reloadOnFailedRouteLoad } from './route-load-retry';
import { router } from './router';
import './styles.css';

reloadOnFailedRouteLoad(router);
createApp(App).use(createPinia()).use(router).mount('#app');

// The tray asks for a page ("Logs" of a container, "Settings…"): only paths inside the app.
berth.on('app.navigate', ({ path }) => {
  if (path.startsWith('/') && !path.startsWith('//')) void router.push(path);
});
