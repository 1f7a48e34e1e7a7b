// The contract's public surface: methods, events, DTOs, schemas and the wire result.
export * from './api';
export * from './events';
export * from './result';
export * from './client';
export * from './channels';
export * from './log-batch';
export type * from './dto/containers';
export type * from './dto/images';
export type * from './dto/volumes';
export type * from './dto/networks';
export type * from './dto/system';
export type * from './dto/streams';
export type * from './dto/files';
export { runSpec, type RunSpec, type RunSpecInput } from './methods/containers';
export { buildSpec, type BuildSpec } from './methods/images';
export { networkSpec, type NetworkSpec } from './methods/networks';
export { pruneOptions, type PruneOptions } from './methods/system';
export { logsRequest, execRequest, type LogsRequest, type ExecRequest } from './methods/streams';
