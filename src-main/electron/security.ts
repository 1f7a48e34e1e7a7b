// Applies the security policy to Electron: no navigation away, no new windows, no permissions, vetted external links.
import { app, shell, type Session } from 'electron';
import { isAllowedExternalUrl, isOwnRendererUrl } from './security-policy';

export function applySecurity(rendererUrl: string, session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
