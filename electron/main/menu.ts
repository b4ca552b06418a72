import { Menu, type MenuItemConstructorOptions } from 'electron';
import { mainStrings, type Language } from './strings';

export interface MenuActions {
  lock(): void;
}

/** The menu in the preferred language. Reload and DevTools exist only in a development run. */
export function menuTemplate(
  language: Language,
  packaged: boolean,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const t = mainStrings[language];
  const template: MenuItemConstructorOptions[] = [
    {
      label: t.app,
      submenu: [
        { label: t.lock, accelerator: 'CmdOrCtrl+L', click: () => actions.lock() },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
  ];
  if (!packaged) {
    template.push({
      label: t.view,
      submenu: [
        { label: t.reload, role: 'reload' },
        { label: t.devTools, role: 'toggleDevTools' },
      ],
    });
  }
  return template;
}

export function installMenu(language: Language, packaged: boolean, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, packaged, actions)));
}
