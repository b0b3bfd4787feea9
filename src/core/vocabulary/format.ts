/** How numbers are written for people: whole numbers, megabytes, tokens (one way each, app-wide). */
// One formatter each, made once: toLocaleString builds a new one on every call, and tables call it per cell.
const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('en');
const TOKENS = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
export const formatInt = (n: number) => WHOLE.format(Math.round(n));
/** A number as `toLocaleString('en')` writes it (up to three decimals). */
export const formatNumber = (n: number) => NUMBER.format(n);
export const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const formatTokens = (n: number) => TOKENS.format(n);
