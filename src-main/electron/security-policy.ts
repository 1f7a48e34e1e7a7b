// Berth's window security policy as plain data and pure checks (no 'electron' import, so tests can load it).

/** The webPreferences every Berth window uses. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** True when `url` is the renderer Berth loaded itself (the dev server or the packaged file). */
export function isOwnRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    // A file: URL's host names a machine (file://server/share/…): the same path elsewhere is not Berth's file.
    if (own.protocol === 'file:') {
      return target.protocol === 'file:' && target.host === own.host && target.pathname === own.pathname;
    }
    return target.origin === own.origin;
  } catch {
    return false;
  }
}

/** Links Berth opens in the user's browser: http(s) on localhost (published ports) and docs sites. */
const EXTERNAL_HOSTS = new Set(['docs.docker.com', 'hub.docker.com', 'github.com']);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
    if (target.hostname === 'localhost' || target.hostname === '127.0.0.1') return true;
    return target.protocol === 'https:' && EXTERNAL_HOSTS.has(target.hostname);
  } catch {
    return false;
  }
}
