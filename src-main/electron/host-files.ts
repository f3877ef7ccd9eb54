/**
 * The desktop app's half of the path picker, "Open folder" and "Open file": Electron's native open
 * dialog (attached to the focused Steward window), the OS file manager and the system's app for a file. Thin on purpose — the core
 * validates what is asked (files.pickNative, files.reveal, knowledge.openFile) before it gets here.
 */
import { BrowserWindow, dialog, shell, type OpenDialogOptions } from 'electron';
import type { HostFiles } from '../core/ports.js';

export function createElectronHostFiles(): HostFiles {
  return {
    async pick(request) {
      const options: OpenDialogOptions = {
        properties: [request.pick === 'folder' ? 'openDirectory' : 'openFile'],
        ...(request.title && { title: request.title }),
        ...(request.startAt && { defaultPath: request.startAt }),
        // Electron's filters take extensions without the dot.
        ...(request.pick === 'file' && request.extensions?.length && { filters: [{ name: request.extensions.join(', '), extensions: request.extensions.map((e) => e.replace(/^\./, '')) }] }),
      };
      const window = BrowserWindow.getFocusedWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    reveal(absolutePath) {
      shell.showItemInFolder(absolutePath);
    },
    open(absolutePath) {
      return shell.openPath(absolutePath);
    },
  };
}
