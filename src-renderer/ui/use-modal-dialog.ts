import { useEffect, useRef, type RefObject, type SyntheticEvent } from 'react';

export interface ModalDialogProps {
  ref: RefObject<HTMLDialogElement | null>;
  onCancel: (event: SyntheticEvent<HTMLDialogElement>) => void;
}

/**
 * The one way the app opens a native <dialog> as a modal: showModal() while `open` (the browser
 * makes the rest of the page inert and keeps focus inside), close() when it is not or when the
 * component goes away. Esc does not close it behind React's back: it asks `onDismiss`, so the
 * owner's state stays the one truth about whether the dialog is open.
 *
 * `returnFocus`: for a dialog that is unmounted rather than closed, put focus back on what had it
 * when the dialog opened (a removed dialog cannot hand focus back itself).
 */
export function useModalDialog(open: boolean, onDismiss: () => void, options: { returnFocus?: boolean } = {}): ModalDialogProps {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = options.returnFocus ?? false;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!open) {
      if (dialog.open) dialog.close();
      return;
    }
    const opener = returnFocus && document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, [open, returnFocus]);
  return {
    ref,
    onCancel: (event) => {
      event.preventDefault();
      onDismiss();
    },
  };
}
