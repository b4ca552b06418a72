import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isProcedureName } from '../../shared/contract';
import { BridgeChannels, type BridgeEvent } from '../../shared/contract/bridge';
import { ErrorCodes, type Result } from '../../shared/domain/errors';
import type { WorkerHostClient } from '../host/worker-client';
import { isAppUrl } from './request-policy';

const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: ErrorCodes.FORBIDDEN, message: 'calls are accepted only from the application window' },
};
const UNKNOWN: Result<never> = {
  ok: false,
  error: { code: ErrorCodes.UNKNOWN_PROCEDURE, message: 'no such procedure' },
};

/**
 * A call is accepted only from the top frame of the app's own window, showing the app's own page (Electron
 * security checklist, item 17: validate the sender of every IPC message).
 */
function fromOwnWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed() || event.sender.id !== win.webContents.id) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * The IPC transport: one channel in (`hoso:invoke`, answered with the router's `{ok,...}` result) and one out
 * (`hoso:event`). Inputs pass through untouched (and unlogged: they can hold passwords); the host parses them.
 * On a lock the window's HTTP cache is cleared too, so nothing seen before the lock stays behind in it.
 */
export function registerIpc(host: WorkerHostClient, ownWindow: () => BrowserWindow | null): void {
  ipcMain.handle(BridgeChannels.invoke, async (event, procedure: unknown, input: unknown) => {
    if (!fromOwnWindow(event, ownWindow())) return FOREIGN_SENDER;
    if (!isProcedureName(procedure)) return UNKNOWN;
    return host.call(procedure, input);
  });
  host.onAnyEvent((message: BridgeEvent) => {
    const win = ownWindow();
    if (!win || win.isDestroyed()) return;
    win.webContents.send(BridgeChannels.event, message);
    if (message.event === 'session.locked') void win.webContents.session.clearCache();
  });
}
