// Benchmark helper process: a TCP server on 127.0.0.1 that sends every client a fixed number of bytes, then closes.
// Args: <port> <bytes>. Prints "ready" once listening; stops when stdin closes.
import { createServer } from 'node:net';

const [port, total] = process.argv.slice(2).map(Number) as [number, number];
const block = Buffer.alloc(1024 * 1024, 0x5a);
const server = createServer((socket) => {
  socket.on('error', () => undefined);
  let left = total;
  const pump = () => {
    while (left > 0) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      left -= piece.length;
      if (!socket.write(piece)) {
        socket.once('drain', pump);
        return;
      }
    }
    socket.end();
  };
  pump();
});
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
