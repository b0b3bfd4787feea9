import type { WorkspaceDb } from './workspace-db';
import { keyToHex, newWorkspaceKey, type PrivacySettings } from '../core/privacy/pseudonyms';

const KEY = 'privacy';

/** The workspace's privacy settings; the HMAC key is made on first use and kept. */
export async function loadPrivacy(db: WorkspaceDb): Promise<PrivacySettings> {
  return db.transaction('rw', db.settings, async () => {
    const stored = (await db.settings.get(KEY))?.value as PrivacySettings | undefined;
    if (stored?.key) return { key: stored.key, personalDataOff: stored.personalDataOff ?? [] };
    const fresh: PrivacySettings = { key: keyToHex(newWorkspaceKey()), personalDataOff: stored?.personalDataOff ?? [] };
    await db.settings.put({ key: KEY, value: fresh });
    return fresh;
  });
}

export async function setPersonalData(db: WorkspaceDb, team: string, shown: boolean): Promise<PrivacySettings> {
  const current = await loadPrivacy(db);
  const off = new Set(current.personalDataOff);
  if (shown) off.delete(team);
  else off.add(team);
  const next = { key: current.key, personalDataOff: [...off].sort() };
  await db.settings.put({ key: KEY, value: next });
  return next;
}
