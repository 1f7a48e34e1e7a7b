#!/usr/bin/env node
// `berth` from the repository: runs the TypeScript CLI through tsx (the packaged app ships a bundled build instead).
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
