// Refuses engine answers that cannot be read: docker-modem hands back a body that is not JSON as a Buffer, no error.
import type Dockerode from 'dockerode';
import type { ModemLike } from './modem-dial';

/** Plain (not streamed) calls whose answer is rightly not JSON: the ping's "OK", and logs read without following. */
const RAW_ANSWERS = [/^\/_ping$/, /^\/containers\/[^/]+\/logs$/];

/** `docker` with every plain call's answer checked (changes its modem in place and returns it). */
export function withAnswerChecks(docker: Dockerode): Dockerode {
  const modem = docker.modem as unknown as ModemLike;
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    if (options.isStream || options.hijack) return dial(options, callback);
    const path = options.path.split('?')[0] ?? '';
    dial(options, (error, data) => {
      const unreadable =
        !error && Buffer.isBuffer(data) && data.length > 0 && !RAW_ANSWERS.some((raw) => raw.test(path));
      if (unreadable) {
        return callback(
          new Error(`The Docker Engine's answer to ${options.method} ${path} could not be read: it is not JSON`),
        );
      }
      callback(error, data);
    });
  };
  return docker;
}
