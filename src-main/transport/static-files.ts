// Serves the built renderer folder over http for the WebSocket transport (tests, dev:web --static).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { RequestHandler } from './websocket';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Files under `root`; unknown paths without an extension get index.html (client-side routes). */
export function serveStatic(root: string): () => RequestHandler {
  const base = normalize(root + sep);
  return () => (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const wanted = normalize(join(base, pathname));
    if (!wanted.startsWith(base)) return next();
    void (async () => {
      let file = wanted;
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory() || (!info && !extname(file))) {
        file = join(base, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) return next();
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    })();
  };
}
