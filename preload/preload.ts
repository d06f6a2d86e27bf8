// Preload entry (sandboxed; bundled to dist/preload/preload.cjs). Exposes only window.pult.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './api.js';

contextBridge.exposeInMainWorld('pult', createPreloadApi(ipcRenderer));
