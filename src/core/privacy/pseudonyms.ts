/**
 * Stable pseudonyms for people whose team has personal data turned off
 * (docs/report.md, "Personal data"): HMAC-SHA-256 of the user's identity under a random key kept in the
 * workspace, truncated hex. Never a plain hash of the email, which anyone could
 * recompute from a list of addresses.
 */

export const PSEUDONYM_PREFIX = 'user-';
const HEX_CHARS = 10;

export function newWorkspaceKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

function hex(bytes: Uint8Array, chars: number): string {
  let out = '';
  for (let i = 0; out.length < chars; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return out.slice(0, chars);
}

/** One pseudonym per identity, e.g. `user-3f9a1c2b7d`; same key and identity, same pseudonym. */
export async function pseudonymsFor(key: Uint8Array, identities: readonly string[]): Promise<string[]> {
  const cryptoKey = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  const signatures = await Promise.all(identities.map((id) => crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(id))));
  return signatures.map((s) => PSEUDONYM_PREFIX + hex(new Uint8Array(s), HEX_CHARS));
}

/** The privacy settings of a workspace, as stored. */
export interface PrivacySettings {
  /** Hex of the workspace's HMAC key. */
  key: string;
  /** Teams whose personal data is off: shown and exported as pseudonyms. */
  personalDataOff: string[];
}

export function keyFromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function keyToHex(key: Uint8Array): string {
  return hex(key, key.length * 2);
}

/**
 * Whether a view shows pseudonyms: when its team is off, and under All Teams
 * when any team is off (docs/report.md, "Personal data").
 */
export function viewIsPseudonymised(team: string | null, personalDataOff: readonly string[]): boolean {
  return team === null ? personalDataOff.length > 0 : personalDataOff.includes(team);
}
