// The window security policy as data: the exact webPreferences, which URLs are Berth's own, which links may open outside.
import { describe, expect, it } from 'vitest';
import {
  isAllowedExternalUrl,
  isOwnRendererUrl,
  secureWebPreferences,
} from '../../../src-main/electron/security-policy';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and gives the page no Node, exactly', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('isOwnRendererUrl', () => {
  const file = 'file:///opt/Berth/resources/app.asar/out/renderer/index.html';
  it.each([
    [file, file, true],
    [`${file}#/containers`, file, true],
    ['file:///etc/passwd', file, false],
    ['file://localhost/opt/Berth/resources/app.asar/out/renderer/index.html', file, true],
    ['file://otherhost/opt/Berth/resources/app.asar/out/renderer/index.html', file, false],
    ['file://192.168.1.9/opt/Berth/resources/app.asar/out/renderer/index.html', file, false],
    ['https://evil.example/', file, false],
    ['http://localhost:5173/#/images', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['not a url', file, false],
  ])('%s (renderer %s) → %s', (url, renderer, own) => {
    expect(isOwnRendererUrl(url, renderer)).toBe(own);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['http://localhost:8080/', true],
    ['http://127.0.0.1:3000/path?q=1', true],
    ['https://localhost:8443/', true],
    ['https://docs.docker.com/reference/', true],
    ['https://hub.docker.com/_/nginx', true],
    ['https://github.com/berth/berth/issues', true],
    ['http://docs.docker.com/', false],
    ['https://evil.example/', false],
    ['https://github.com.evil.example/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ssh://localhost/', false],
    ['http://0.0.0.0:8080/', false],
    ['nonsense', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
