import type { Machine } from '@doublehop/core-token';

/** Runs the file-server scenario on a fresh machine and returns it, trace included (see fileServerImpersonation.mjs). */
export function runFileServer(): Machine;
/** Builds the file-server impersonation report (see fileServerImpersonation.mjs). */
export function fileServerReport(): string;
