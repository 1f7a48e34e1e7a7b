// Registry methods: logins (checked by the engine, kept by the credential helper or the keychain), browsing a registry (HTTP API v2), Docker Hub search.
import { z } from 'zod';
import { method } from '../define';
import type {
  ImageSearchResult,
  RegistryList,
  RegistryRepositoryPage,
  RegistrySummary,
  RegistryTagList,
  RegistryTagRemoval,
} from '../dto/registries';
import { noArgs } from './common';

/**
 * A registry as the user names it: "docker.io" (also "index.docker.io", "https://index.docker.io/v1/"),
 * "registry.example.com", "127.0.0.1:5000", optionally with "https://" or "http://". Normalised by the service.
 */
export const registryServer = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'is too long')
  .regex(/^(https?:\/\/)?[A-Za-z0-9.\-[\]:]+(\/[\w./-]*)?$/, 'must be a registry host, e.g. registry.example.com:5000');

const repository = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'is too long')
  .regex(
    /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'is not a repository name',
  );

const tag = z
  .string()
  .trim()
  .regex(/^\w[\w.-]{0,127}$/, 'is not a tag');

export const registryMethods = {
  /** Docker Hub and every registry with a login or trust settings, and where a new login goes. */
  'registries.list': method<RegistryList>()(noArgs),
  /**
   * Checks the login with the registry (the engine's /auth) and keeps it only when the registry accepts it; the
   * registry's own message when it refuses. The password is never sent back, logged or written in plain text.
   */
  'registries.login': method<RegistrySummary>()(
    z
      .object({
        server: registryServer,
        username: z.string().trim().min(1, 'is required').max(255, 'is too long'),
        password: z.string().min(1, 'is required').max(8192, 'is too long'),
      })
      .strict(),
  ),
  /** Removes the login from wherever it is kept (the helper, the keychain file, memory). */
  'registries.logout': method<void>()(z.object({ server: registryServer }).strict()),
  /**
   * Berth's VM trusts this registry: its CA certificate (PEM, placed in the guest's /etc/docker/certs.d/HOST/ca.crt at
   * the VM's next start; null removes it) and/or insecure (daemon.json insecure-registries). Berth's own registry
   * browser uses it at once. Other engines: saved all the same, and `engineNotice` says what that engine's machine needs.
   */
  'registries.setTrust': method<RegistrySummary>()(
    z
      .object({
        server: registryServer,
        caCertificate: z
          .string()
          .max(65536, 'is too long')
          .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), 'must be a PEM certificate (BEGIN CERTIFICATE)')
          .nullable()
          .optional(),
        insecure: z.boolean().optional(),
      })
      .strict(),
  ),
  /** One page of the registry's catalogue (GET /v2/_catalog), with the stored login. */
  'registries.repositories': method<RegistryRepositoryPage>()(
    z
      .object({
        server: registryServer,
        after: repository.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  /** A repository's tags with the digest each points to. */
  'registries.tags': method<RegistryTagList>()(z.object({ server: registryServer, repository }).strict()),
  /** Deletes the manifest a tag points to (every tag on that manifest goes); refused with the registry's reason. */
  'registries.deleteTag': method<RegistryTagRemoval>()(z.object({ server: registryServer, repository, tag }).strict()),
  /** Docker Hub search through the engine; an offline engine gets a clear message. */
  'images.search': method<ImageSearchResult[]>()(
    z
      .object({
        term: z.string().trim().min(1, 'is required').max(255, 'is too long'),
        limit: z.number().int().min(1).max(100).default(25),
      })
      .strict(),
  ),
} as const;
