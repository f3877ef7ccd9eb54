/**
 * The desktop host's half of the path picker and "Open folder": Electron's open dialog, attached to
 * the focused window, with the picker's kind, title, start folder and extension filter; a cancel
 * is null; showItemInFolder gets the file.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, calls, resetFakeElectron } from './fake-electron.js';
import { createElectronHostFiles } from '../../../src-main/electron/host-files.js';

beforeEach(() => resetFakeElectron());

describe('Electron host files', () => {
  it('opens the native dialog on the focused window for a file, with the extensions as a filter', async () => {
    const window = new BrowserWindow({});
    window.focused = true;
    calls.openDialogAnswer = { canceled: false, filePaths: ['/home/dana/Models/qwen.gguf'] };
    const picked = await createElectronHostFiles().pick({ pick: 'file', title: 'Choose a model file', extensions: ['.gguf'], startAt: '/home/dana' });
    expect(picked).toBe('/home/dana/Models/qwen.gguf');
    expect(calls.openDialogs).toEqual([
      {
        window,
        options: { properties: ['openFile'], title: 'Choose a model file', defaultPath: '/home/dana', filters: [{ name: '.gguf', extensions: ['gguf'] }] },
      },
    ]);
  });

  it('picks a folder without a filter, and a cancelled dialog gives null', async () => {
    expect(await createElectronHostFiles().pick({ pick: 'folder', extensions: ['.md'] })).toBeNull();
    expect(calls.openDialogs).toEqual([{ window: null, options: { properties: ['openDirectory'] } }]);
  });

  it('shows a file in the OS file manager', () => {
    createElectronHostFiles().reveal('/home/dana/Documents/offer.docx');
    expect(calls.shownInFolder).toEqual(['/home/dana/Documents/offer.docx']);
  });

  it('opens a file with the system app and passes on the reason when it cannot', async () => {
    expect(await createElectronHostFiles().open('/home/dana/Documents/offer.pdf')).toBe('');
    calls.openPathAnswer = 'No application is registered as handling this file';
    expect(await createElectronHostFiles().open('/home/dana/Documents/plan.docx')).toBe('No application is registered as handling this file');
    expect(calls.openedPaths).toEqual(['/home/dana/Documents/offer.pdf', '/home/dana/Documents/plan.docx']);
  });
});
