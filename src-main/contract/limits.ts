// Bounds on what one API call may carry: oversized input is refused with a message naming the field, never sent on.

/** Longest container, volume or network name: a volume's folder name on the engine's disk (NAME_MAX). */
export const MAX_NAME_LENGTH = 255;
/** Longest container hostname: the kernel's HOST_NAME_MAX (a longer one fails the container's start). */
export const MAX_HOSTNAME_LENGTH = 64;
/** Largest `KEY=value` environment entry, in UTF-8 bytes: the kernel's MAX_ARG_STRLEN (128 KiB) less its NUL. */
export const MAX_ENV_ENTRY_BYTES = 128 * 1024 - 1;
/** Most entries in one list of a run or exec spec (ports, volumes, env, command words, …). */
export const MAX_LIST_ENTRIES = 1000;
/** Most container ports one run publishes (a range counts each port): each is a forward of its own in the VM. */
export const MAX_PUBLISHED_PORTS = 1000;
/** Longest env file text, in characters. */
export const MAX_ENV_FILE_LENGTH = 1024 * 1024;
/** Largest arguments of one call, as JSON text in characters, over either transport. */
export const MAX_ARGS_LENGTH = 8 * 1024 * 1024;
/** Longest name of an environment variable marked secret (it becomes part of a label key). */
export const MAX_SECRET_ENV_NAME_LENGTH = 255;
/** Largest Dockerfile the advice reads, in bytes (characters for a text): 1 MiB. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;
