// Applies the security policy to Electron: no navigation away, no new windows, no permissions, vetted external links.
import { app, shell, type Session } from 'electron';
import { isAllowedExternalUrl, isOwnRendererUrl } from './security-policy';

export function applySecurity(rendererUrl: string, session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    // Navigations and the redirects they meet, in the page or any frame of it, stay on Berth's own page.
    const stayHome = (event: Electron.Event, url: string) => {
      if (!isOwnRendererUrl(url, rendererUrl)) event.preventDefault();
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
    contents.on('will-redirect', stayHome);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
