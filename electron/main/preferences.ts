import { ipcMain } from 'electron';
import type { Preferences } from '../../shared/contract';
import { DEFAULT_PREFERENCES, sanitizePreferences, type PreferencesStore } from '../prefs/preferences';

type Listener = (p: Preferences) => void;

/**
 * The desktop app's preferences in electron-store (userData/preferences.json): language and idle timeout,
 * nothing else. Nothing secret or personal may go here: the file is outside the encrypted database. The host
 * worker reads and writes them through WorkerHostClient; main reads them for the menu and the idle check.
 */
export class ElectronPreferencesStore implements PreferencesStore {
  private readonly listeners: Listener[] = [];

  private constructor(private readonly store: { store: Preferences }) {}

  /** electron-store 12 is an ES module, so it is imported, not required, from the CommonJS main bundle. */
  static async open(): Promise<ElectronPreferencesStore> {
    const { default: Store } = await import('electron-store');
    const store = new Store<Preferences>({
      name: 'preferences',
      defaults: { ...DEFAULT_PREFERENCES },
      // The schema keeps a hand-edited file from feeding anything else to the app; a broken file is reset.
      schema: {
        language: { type: 'string', enum: ['vi', 'en'] },
        idleMinutes: { type: 'integer', minimum: 1, maximum: 120 },
      },
      rootSchema: { additionalProperties: false },
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
    });
    // electron-store answers a synchronous IPC message (its folder and the app version) for renderer-side
    // stores. This app has none, and its only IPC is the bridge's, so the listener is taken away again.
    ipcMain.removeAllListeners('electron-store-get-data');
    return new ElectronPreferencesStore(store);
  }

  /** The preferences as they are now (synchronous: the menu and the idle check need them on the spot). */
  current(): Preferences {
    return sanitizePreferences(this.store.store);
  }

  async load(): Promise<Preferences> {
    return this.current();
  }

  async save(p: Preferences): Promise<void> {
    const next = sanitizePreferences(p);
    this.store.store = next;
    for (const listener of this.listeners) listener(next);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }
}
