/** How numbers are written for people: whole numbers, megabytes, tokens (one way each, app-wide). */
export const formatInt = (n: number) => Math.round(n).toLocaleString('en');
export const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const formatTokens = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 1 });
