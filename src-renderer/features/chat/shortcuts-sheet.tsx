import { useModalDialog } from '../../ui/use-modal-dialog.js';

/** Every keyboard shortcut of the chat, as the help sheet lists them. */
export const CHAT_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Enter'], what: 'Send the message' },
  { keys: ['Shift', 'Enter'], what: 'New line in the message' },
  { keys: ['Esc'], what: 'Stop the reply being written (in the message box)' },
  { keys: ['Enter'], what: 'Save an edited message and get a new answer (in its edit box)' },
  { keys: ['Esc'], what: 'Cancel editing a message (in its edit box)' },
  { keys: ['Ctrl/⌘', 'Shift', 'O'], what: 'New conversation' },
  { keys: ['Ctrl/⌘', '/'], what: 'Show this list of shortcuts' },
];

/** The keyboard shortcuts help sheet (Ctrl+/ or the "Shortcuts" button in the chat header). */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const modal = useModalDialog(open, onClose);
  return (
    <dialog {...modal} className="dialog shortcuts-sheet" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title" className="dialog-title">
        Keyboard shortcuts
      </h2>
      <table className="shortcuts-table">
        <tbody>
          {CHAT_SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
