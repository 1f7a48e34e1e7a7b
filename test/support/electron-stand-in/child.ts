// Child process entry: the stand-in in place of 'electron', then the built main bundle (argv[2]); the test drives it over Node IPC.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { standIn } from './electron';
import { calls, plain } from './recorder';
import { allWindows } from './windows';
import type { ChildReply, ChildRequest } from './protocol';

register('./hooks.ts', import.meta.url);

/** Uncaught exceptions and unhandled rejections in main: Electron would log them and go on, so do the stand-in. */
const errors: string[] = [];
const remember = (error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  errors.push(text);
  process.stderr.write(`[stand-in] ${text}\n`);
};
process.on('uncaughtException', remember);
process.on('unhandledRejection', remember);

async function answer(request: ChildRequest): Promise<unknown> {
  switch (request.op) {
    case 'status':
      return {
        ready: standIn.app.ready,
        windows: allWindows().map((window) => ({
          id: window.id,
          options: plain(window.options, new Set()),
          url: window.webContents.url,
          visible: window.visible,
        })),
        channels: [...standIn.handlers.keys()],
        errors,
      };
    case 'calls':
      return calls;
    case 'invoke': {
      const handler = standIn.handlers.get(request.channel);
      if (!handler) throw new Error(`no handler for ${request.channel}`);
      const event = {
        senderFrame: request.frameUrl === null ? null : { url: request.frameUrl },
        sender: { id: request.senderId },
      };
      return plain(await handler(event, request.args), new Set());
    }
    case 'quit':
      standIn.app.quit();
      return undefined;
  }
}

process.on('message', (request: ChildRequest) => {
  void answer(request)
    .then(
      (value): ChildReply => ({ id: request.id, ok: true, value }),
      (error: unknown): ChildReply => ({ id: request.id, ok: false, error: String(error) }),
    )
    .then((reply) => process.send?.(reply));
});

await import(pathToFileURL(process.argv[2] ?? '').href);
