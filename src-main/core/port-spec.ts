// Docker `-p` publish specs ("127.0.0.1:8080:80/tcp") and exposed-port keys ("53/udp").
//
// Follows go-connections' nat.ParsePortSpec, except that port 0 is rejected (leave the host port
// empty for a random one).

import type { PortProtocol } from '../contract/dto/containers';
import { isIPv4, isIPv6 } from './ip-address';
import { ParseError } from './parse-error';

/** One container port and how it is published. */
export interface PortBinding {
  containerPort: number;
  protocol: PortProtocol;
  /** Host address without brackets; '' means all addresses. */
  hostIp: string;
  /** '' = a random host port, '8080', or a range '8000-8010' the engine picks one port from. */
  hostPort: string;
}

const PROTOCOLS: readonly PortProtocol[] = ['tcp', 'udp', 'sctp'];
const MAX_PORT = 65535;

/**
 * Parses one `-p` value into one binding per container port.
 * `8000-8002:9000-9002` gives three bindings; `8000-8010:80` gives one binding whose host port is
 * the range; `7000-7002` gives three bindings on random host ports.
 * @throws ParseError when the spec is malformed.
 */
export function parsePortSpec(spec: string): PortBinding[] {
  const fail = (reason: string): never => {
    throw new ParseError(`invalid port spec "${spec}": ${reason}`);
  };
  const parts = spec.split(':');
  const containerPart = parts.pop() ?? '';
  const hostPortPart = parts.pop() ?? '';
  let hostIp = parts.join(':');

  const { portText, protocol } = splitProtocol(containerPart, fail);
  if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
  if (hostIp !== '' && !isIPv4(hostIp) && !isIPv6(hostIp)) fail(`"${hostIp}" is not an IP address`);

  const [start, end] = parsePortRange(portText, 'container port', fail);
  if (hostPortPart === '') {
    return range(start, end).map((containerPort) => ({ containerPort, protocol, hostIp, hostPort: '' }));
  }
  const [hostStart, hostEnd] = parsePortRange(hostPortPart, 'host port', fail);
  if (start === end) {
    const hostPort = hostStart === hostEnd ? String(hostStart) : `${hostStart}-${hostEnd}`;
    return [{ containerPort: start, protocol, hostIp, hostPort }];
  }
  if (hostEnd - hostStart !== end - start) {
    fail(`host range "${hostPortPart}" and container range "${portText}" must have the same length`);
  }
  return range(start, end).map((containerPort) => ({
    containerPort,
    protocol,
    hostIp,
    hostPort: String(hostStart + containerPort - start),
  }));
}

/**
 * Parses an exposed-port key from the Engine API or `--expose`: "80/tcp", "53/udp", "80" (tcp).
 * @throws ParseError when the key is malformed.
 */
export function parseExposedPort(key: string): { port: number; protocol: PortProtocol } {
  const fail = (reason: string): never => {
    throw new ParseError(`invalid exposed port "${key}": ${reason}`);
  };
  const { portText, protocol } = splitProtocol(key, fail);
  return { port: parsePort(portText, 'port', fail), protocol };
}

function splitProtocol(text: string, fail: (reason: string) => never): { portText: string; protocol: PortProtocol } {
  const slash = text.indexOf('/');
  const portText = slash === -1 ? text : text.slice(0, slash);
  const protocolText = slash === -1 ? '' : text.slice(slash + 1).toLowerCase();
  if (portText === '') fail('no container port given');
  if (protocolText === '') return { portText, protocol: 'tcp' };
  const protocol = PROTOCOLS.find((p) => p === protocolText);
  if (protocol === undefined) fail(`protocol "${text.slice(slash + 1)}" must be tcp, udp or sctp`);
  return { portText, protocol };
}

function parsePortRange(text: string, what: string, fail: (reason: string) => never): [number, number] {
  const dash = text.indexOf('-');
  if (dash === -1) {
    const port = parsePort(text, what, fail);
    return [port, port];
  }
  const match = /^(\d+)-(\d+)$/.exec(text);
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!(isPort(start) && isPort(end))) {
    fail(`${what} range "${text}" must be two numbers from 1 to ${MAX_PORT} joined by "-"`);
  }
  if (end < start) fail(`${what} range "${text}" ends before it starts`);
  return [start, end];
}

function parsePort(text: string, what: string, fail: (reason: string) => never): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!isPort(port)) fail(`${what} "${text}" must be a number from 1 to ${MAX_PORT}`);
  return port;
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= MAX_PORT;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}
