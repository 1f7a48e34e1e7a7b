// A plain http server on 127.0.0.1 for a built renderer folder (Chromium refuses module scripts from file://).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveStatic } from '../../../src-main/transport/static-files';

export interface StaticFolderServer {
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

export async function serveFolder(dir: string): Promise<StaticFolderServer> {
  const handle = serveStatic(dir)();
  const server = createServer((req, res) =>
    handle(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
