// Run with plain Node from inside a packed app's out/main: an ssh2 server and client (both from the app's node_modules) on loopback, one exec.
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import crypto from 'ssh2/lib/protocol/crypto.js';

const { Client, Server, utils } = ssh2;
const deadline = setTimeout(() => {
  console.log('RESULT {"error":"no answer within 20 s"}');
  process.exit(1);
}, 20_000);
const hostKey = utils.generateKeyPairSync('ed25519').private;
const server = new Server({ hostKeys: [hostKey] }, (connection) => {
  connection.on('authentication', (ctx) =>
    ctx.method === 'password' && ctx.password === 'berth' ? ctx.accept() : ctx.reject(),
  );
  connection.on('session', (accept) => {
    accept().once('exec', (acceptExec, _reject, info) => {
      const stream = acceptExec();
      stream.end(`ran: ${info.command}`);
      stream.exit(0);
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  const client = new Client();
  client.on('ready', () => {
    client.exec('hello', (error, stream) => {
      if (error) throw error;
      let output = '';
      stream.on('data', (chunk) => (output += chunk));
      stream.on('close', () => {
        const path = fileURLToPath(import.meta.resolve('ssh2'));
        console.log(`RESULT ${JSON.stringify({ output, path, binding: crypto.bindingAvailable })}`);
        clearTimeout(deadline);
        client.end();
        server.close();
      });
    });
  });
  client.connect({ host: '127.0.0.1', port: server.address().port, username: 'berth', password: 'berth' });
});
