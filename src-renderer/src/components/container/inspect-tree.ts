// The Inspect tab's tree: the engine's inspect JSON as nodes with previews, secret-looking env values masked.
import { HIDDEN_ENV_VALUE } from '../../../../src-main/contract/secret-env';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** Shown instead of a secret value until the user reveals it. */
export const MASK = '••••••';

export interface InspectNode {
  /** Path from the root, e.g. "Config.Env[2]"; unique in the tree. */
  key: string;
  /** Property name or array index. */
  name: string;
  kind: JsonKind;
  /** A leaf's value as shown (strings quoted), or a summary of an object or array ("3 items"). */
  preview: string;
  value: unknown;
  /** An env entry whose name looks secret: shown as `name=` + MASK until revealed. */
  secret?: { name: string; value: string };
  /** An env entry marked secret when the container was run: main sent no value, shown as `name=` + MASK for good. */
  hidden?: string;
  /** What the tree's filter matches: name and preview, never a secret's value. */
  label: string;
  children?: InspectNode[];
}

const SECRET_NAME = /PASSWORD|PASSWD|PASSPHRASE|TOKEN|SECRET|KEY|CREDENTIAL|(^|_)PASS($|_)|(^|_)AUTH($|_)/i;

/** Whether an environment variable with this name probably holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Splits "NAME=value"; `secret` tells whether the value should be masked. */
export function splitEnv(entry: string): { name: string; value: string; secret: boolean } {
  const eq = entry.indexOf('=');
  const name = eq < 0 ? entry : entry.slice(0, eq);
  const value = eq < 0 ? '' : entry.slice(eq + 1);
  return { name, value, secret: eq >= 0 && value !== '' && isSecretName(name) };
}

/** An env entry as shown while masked: "DB_PASSWORD=••••••"; entries that are not secret unchanged. */
export function maskEnv(entry: string): string {
  const { name, secret } = splitEnv(entry);
  return secret ? `${name}=${MASK}` : entry;
}

function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'object' ? 'object' : type === 'string' ? 'string' : type === 'number' ? 'number' : 'boolean';
}

function summary(kind: JsonKind, value: unknown): string {
  if (kind === 'array') {
    const n = (value as unknown[]).length;
    return n === 0 ? '[]' : `${n} ${n === 1 ? 'item' : 'items'}`;
  }
  if (kind === 'object') {
    const n = Object.keys(value as object).length;
    return n === 0 ? '{}' : `${n} ${n === 1 ? 'field' : 'fields'}`;
  }
  return JSON.stringify(value ?? null);
}

function node(name: string, key: string, value: unknown, inEnv: boolean, hidden: ReadonlySet<string>): InspectNode {
  const kind = kindOf(value);
  const out: InspectNode = { key, name, kind, value, preview: summary(kind, value), label: '' };
  if (inEnv && kind === 'string') {
    const env = splitEnv(value as string);
    if (hidden.has(env.name) && env.value === HIDDEN_ENV_VALUE) {
      out.hidden = env.name;
      out.preview = JSON.stringify(`${env.name}=${MASK}`);
    } else if (env.secret) {
      out.secret = { name: env.name, value: env.value };
      out.preview = JSON.stringify(maskEnv(value as string));
    }
  }
  out.label = `${name}: ${out.preview}`;
  const entries: Array<[string, unknown]> =
    kind === 'array'
      ? (value as unknown[]).map((v, i) => [String(i), v])
      : kind === 'object'
        ? Object.entries(value as Record<string, unknown>)
        : [];
  if (entries.length > 0) {
    out.children = entries.map(([childName, child]) =>
      node(
        childName,
        kind === 'array' ? `${key}[${childName}]` : key ? `${key}.${childName}` : childName,
        child,
        kind === 'array' && name === 'Env',
        hidden,
      ),
    );
  }
  return out;
}

/** The top-level fields of an inspect result as tree nodes; `hidden` are the env names marked secret (values hidden). */
export function inspectTree(raw: Record<string, unknown>, hidden: readonly string[] = []): InspectNode[] {
  return node('', '', raw, false, new Set(hidden)).children ?? [];
}

/** What "copy value" puts on the clipboard: strings as they are, anything else as indented JSON. */
export function copyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null, null, 2);
}

/** Every key in the tree that has children (for "expand all"). */
export function branchKeys(nodes: readonly InspectNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.key, ...branchKeys(n.children)] : []));
}

/**
 * For a filter text: the nodes to show (those whose label contains it, case ignored, with their
 * ancestors and descendants) and the branches to open so that every match is in view.
 */
export function filterTree(nodes: readonly InspectNode[], text: string): { visible: Set<string>; open: Set<string> } {
  const needle = text.trim().toLowerCase();
  const visible = new Set<string>();
  const open = new Set<string>();
  const showAll = (n: InspectNode) => {
    visible.add(n.key);
    n.children?.forEach(showAll);
  };
  const walk = (n: InspectNode): boolean => {
    if (n.label.toLowerCase().includes(needle)) {
      showAll(n);
      return true;
    }
    const hit = (n.children ?? []).map(walk).some(Boolean);
    if (hit) {
      visible.add(n.key);
      open.add(n.key);
    }
    return hit;
  };
  nodes.forEach(walk);
  return { visible, open };
}

/** The rows to draw, in order: nodes whose ancestors are all open (and that pass `visible`, when given). */
export function flattenTree(
  nodes: readonly InspectNode[],
  isOpen: (key: string) => boolean,
  visible?: ReadonlySet<string>,
  depth = 0,
): Array<{ node: InspectNode; depth: number }> {
  return nodes.flatMap((node) => {
    if (visible && !visible.has(node.key)) return [];
    const row = { node, depth };
    return node.children && isOpen(node.key) ? [row, ...flattenTree(node.children, isOpen, visible, depth + 1)] : [row];
  });
}
