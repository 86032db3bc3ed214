/** Builds the file-server impersonation report (see fileServerImpersonation.mjs). */
export function fileServerReport(): string;
