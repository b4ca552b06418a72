import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BridgeChannels, type BridgeEvent, type HosoBridge } from '../../shared/contract/bridge';

/**
 * The preload runs sandboxed, in its own world, and puts exactly one object on the page: `window.hoso`.
 * ipcRenderer itself is never exposed, and neither are IPC events (their `sender` is ipcRenderer): listeners
 * get the event's payload only. Main checks every call's sender and procedure; the host checks its input.
 */
const bridge: HosoBridge = {
  invoke(procedure, input) {
    return ipcRenderer.invoke(BridgeChannels.invoke, procedure, input);
  },
  on(event, listener) {
    const forward = (_e: IpcRendererEvent, message: BridgeEvent) => {
      if (message.event === event) listener(message.payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(BridgeChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(BridgeChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('hoso', bridge);
