/**
 * The verifier key the user pinned in this browser. It is a PUBLIC key, so localStorage is fine;
 * what matters is that it was obtained outside the server being checked.
 */
const STORAGE_KEY = 'renja.pinnedKey';

export function readPinnedKey(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage disabled (private mode, policy): nothing pinned
  }
}

export function savePinnedKey(key: string): boolean {
  try {
    localStorage.setItem(STORAGE_KEY, key.trim());
    return true;
  } catch {
    return false;
  }
}
