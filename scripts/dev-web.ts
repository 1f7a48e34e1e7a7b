// `npm run dev:web`: the API over the WebSocket transport plus the renderer (Vite, or a built folder) on one 127.0.0.1 port.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../src-main/api/backend';
import { ensureAgent } from '../src-main/cli/agent-launcher';
import { progressPrinter } from '../src-main/cli/progress-printer';
import { AgentMachineControl } from '../src-main/machine/agent-machine-control';
import { berthHomeFolder, machineHome } from '../src-main/machine/machine-home';
import { SettingsStore } from '../src-main/settings/settings-store';
import { endpointFromEnvironment, parseEngineAddress } from '../src-main/engine/endpoint';
import { serveStatic } from '../src-main/transport/static-files';
import { startWebServer } from '../src-main/transport/websocket';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    engine: { type: 'string' },
    static: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

const home = machineHome(berthHomeFolder(process.env, process.platform, homedir()));
/** Berth's own settings (data folder: BERTH_HOME or the platform's), as the app uses them. */
const settings = new SettingsStore(home.root);
for (const warning of (await settings.load()).warnings) console.error(`warning: ${warning}`);

/** `--engine vm`: starts Berth's VM through the machine agent (as `berth machine start` does) and follows it. */
async function vmMachine(): Promise<AgentMachineControl> {
  const machine = await AgentMachineControl.follow(() => ensureAgent(home, resolve('bin/berth.js')), home);
  if (machine.info.status.state !== 'running') {
    const printer = progressPrinter((line) => process.stderr.write(line));
    const stopPrinting = machine.onChange(printer);
    await machine.start();
    stopPrinting();
  }
  return machine;
}

const machine = values.engine === 'vm' ? await vmMachine() : undefined;
const endpoint = machine
  ? parseEngineAddress(machine.info.endpoint)
  : values.engine
    ? parseEngineAddress(values.engine)
    : endpointFromEnvironment();
const backend = createBackend(endpoint, { settings, ...(machine ? { machine } : {}) });
backend.start();

const web = await startWebServer({
  backend,
  port,
  renderer: values.static
    ? serveStatic(resolve(values.static))
    : async (server) => {
        // Vite only for live development: a --static server never loads it.
        const [{ createServer: createVite }, { default: vue }] = await Promise.all([
          import('vite'),
          import('@vitejs/plugin-vue'),
        ]);
        const vite = await createVite({
          configFile: false,
          root: resolve('src-renderer'),
          plugins: [vue()],
          server: { middlewareMode: true, hmr: { server } },
          appType: 'spa',
        });
        return (req, res, next) => vite.middlewares(req, res, next);
      },
});

console.log(`Berth web UI: ${web.url}`);

const stop = async () => {
  await web.close();
  await backend.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
