// What `compose config --format json` says a project will create, as a preview: the CLI resolved interpolation,
// `.env`, `extends`, profiles and overrides; Berth only reads the result.
import type { PreviewPort, PreviewService, ServiceBuild, StackPreview } from '../contract/dto/stacks';
import { ParseError } from '../core/parse-error';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const keys = (value: unknown): string[] => Object.keys(asObject(value)).sort();

/** The names the project's top-level objects get on the engine ("app_data"), or their keys. */
function objectNames(section: unknown): string[] {
  return Object.entries(asObject(section))
    .map(([key, value]) => String(asObject(value).name ?? key))
    .sort();
}

function portOf(value: unknown): PreviewPort {
  const port = asObject(value);
  const preview: PreviewPort = { target: Number(port.target) || 0, protocol: String(port.protocol ?? 'tcp') };
  if (port.published !== undefined) preview.published = String(port.published);
  if (port.host_ip !== undefined) preview.hostIp = String(port.host_ip);
  return preview;
}

function volumeOf(value: unknown): string {
  const volume = asObject(value);
  return `${String(volume.source ?? '(anonymous)')} → ${String(volume.target ?? '')}`;
}

/** The service's resolved `build:` section (args compose left unset are left out). */
function buildOf(project: string, name: string, service: Json): ServiceBuild | undefined {
  if (service.build === undefined) return undefined;
  const build = asObject(service.build);
  const args = Object.entries(asObject(build.args)).filter(([, value]) => value !== null && value !== undefined);
  const settings: ServiceBuild = {
    context: String(build.context ?? '.'),
    dockerfile: String(build.dockerfile ?? 'Dockerfile'),
    args: Object.fromEntries(args.map(([key, value]) => [key, String(value)])),
    tag: typeof service.image === 'string' ? service.image : `${project}-${name}`,
  };
  if (typeof build.target === 'string') settings.target = build.target;
  return settings;
}

function serviceOf(project: string, name: string, value: unknown): PreviewService {
  const service = asObject(value);
  const deploy = asObject(service.deploy);
  const preview: PreviewService = {
    name,
    build: service.build !== undefined,
    ports: asArray(service.ports).map(portOf),
    volumes: asArray(service.volumes).map(volumeOf),
    networks: keys(service.networks),
    secrets: asArray(service.secrets).map((s) => String(asObject(s).source ?? s)),
    dependsOn: keys(service.depends_on),
    profiles: asArray(service.profiles).map(String),
    replicas: Number(deploy.replicas ?? service.scale ?? 1),
  };
  if (typeof service.image === 'string') preview.image = service.image;
  const buildSettings = buildOf(project, name, service);
  if (buildSettings) preview.buildSettings = buildSettings;
  return preview;
}

const UNSET = /The \\?"([A-Za-z_][A-Za-z0-9_]*)\\?" variable is not set/;
const WARNING = /level=warning msg="(.*)"$/;

/** The preview of `config --format json`'s stdout, with the variables and warnings from its stderr. */
export function previewFromConfig(stdout: string, stderr: string): StackPreview {
  let config: Json;
  try {
    config = asObject(JSON.parse(stdout));
  } catch {
    throw new ParseError(`compose config printed no JSON: "${stdout.slice(0, 200)}"`);
  }
  const unresolved = new Set<string>();
  const warnings: string[] = [];
  for (const line of stderr.split('\n').filter((l) => l.trim())) {
    const unset = UNSET.exec(line);
    if (unset) unresolved.add(unset[1]!);
    else warnings.push(WARNING.exec(line)?.[1]?.replace(/\\"/g, '"') ?? line.trim());
  }
  return {
    name: String(config.name ?? ''),
    services: Object.entries(asObject(config.services))
      .map(([name, value]) => serviceOf(String(config.name ?? ''), name, value))
      .sort((a, b) => a.name.localeCompare(b.name)),
    networks: objectNames(config.networks),
    volumes: objectNames(config.volumes),
    secrets: objectNames(config.secrets),
    unresolved: [...unresolved].sort(),
    warnings,
    raw: stdout,
  };
}
