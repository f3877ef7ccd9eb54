import { useApi } from '../../app/dashboards-context.js';
import { DesktopOpenButton } from '../../ui/desktop-open-button.js';

/**
 * "Open file" on a cited passage: in the desktop app the file opens in the system's app for it (a
 * PDF reader, Word) through knowledge.openFile, which opens only indexed files; in a browser it
 * says this works in the desktop app, with the file's path to copy — like "Open folder" beside it.
 */
export function OpenFileButton({ passageId }: { passageId: number }) {
  const api = useApi();
  return (
    <DesktopOpenButton
      label="Open file"
      open={async () => {
        const where = await api.call('knowledge.openFile', { id: passageId });
        return where.opened ? null : where.path;
      }}
      browserNote={(file) => (
        <>
          Opening files in their app works in the desktop app. The file is <code>{file}</code>
        </>
      )}
    />
  );
}
