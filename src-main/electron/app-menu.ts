import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Electron's default menu has View → Toggle Developer Tools and Reload,
 * which in a shipped app hand anyone at the keyboard a console inside the renderer (and so the
 * whole API). Outside development those items are simply not there.
 */
export function applicationMenuTemplate(options: { platform: NodeJS.Platform; development: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (options.development) view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  if (options.platform === 'darwin') template.unshift({ role: 'appMenu' });
  else template.unshift({ label: 'File', submenu: [{ role: 'quit' }] });
  return template;
}
