import type { MethodInput } from '../../src-preload/contract.js';
import { useApi } from '../app/dashboards-context.js';
import { DesktopOpenButton } from './desktop-open-button.js';

/**
 * "Open folder" on a preview: in the desktop app it shows the file in the system's file manager,
 * selected (files.reveal); in a browser it says that this works in the desktop app, with the
 * folder's path to copy.
 */
export function OpenFolderButton({ target }: { target: MethodInput<'files.reveal'> }) {
  const api = useApi();
  return (
    <DesktopOpenButton
      label="Open folder"
      open={async () => {
        const where = await api.call('files.reveal', target);
        return where.revealed ? null : where.folder;
      }}
      browserNote={(folder) => (
        <>
          Opening folders works in the desktop app. The file is in <code>{folder}</code>
        </>
      )}
    />
  );
}
