import { useEffect, useRef, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/stores-context.js';
import { AlertIcon, CheckIcon, SendIcon, StewardMark } from '../../ui/icons.js';
import { SkillQuickActions } from '../skills/skill-quick-actions.js';
import { QuickActingFor } from './quick-acting-for.js';
import { QuickPendingApprovals } from './quick-pending-approvals.js';
import './quick-command.css';

/**
 * `#/quick`: the compact view of the Electron quick-command window (global shortcut). One line
 * that becomes the first message of a new conversation, one line of confirmation, and the
 * approvals waiting for the user with Approve / Reject.
 */
export function QuickCommandView() {
  const { quick } = useStores();
  const { draft, status, line } = useStore(quick, useShallow((s) => ({ draft: s.draft, status: s.status, line: s.line })));
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    // The window is reused: focus the field whenever it is shown again.
    const onFocus = () => inputRef.current?.focus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void quick.getState().send();
  };

  return (
    <main className="quick">
      <form className="quick-form" onSubmit={submit}>
        <StewardMark size={24} />
        <input
          ref={inputRef}
          className="quick-input"
          aria-label="Tell Steward what to do"
          placeholder="Ask Steward to…"
          value={draft}
          disabled={status === 'sending'}
          onChange={(event) => quick.getState().setDraft(event.target.value)}
          onKeyDown={(event) => {
            // Escape on an empty line dismisses the window (the shell hides it instead of closing).
            if (event.key === 'Escape') {
              if (draft) quick.getState().setDraft('');
              else window.close();
            }
          }}
        />
        <button type="submit" className="send-button" aria-label="Send" disabled={draft.trim() === '' || status === 'sending'}>
          <SendIcon size={16} />
        </button>
      </form>
      <p className={`quick-line quick-line--${status}`} role="status">
        {status === 'sent' && <CheckIcon size={14} />}
        {status === 'error' && <AlertIcon size={14} />}
        <span>{status === 'sending' ? 'Sending…' : (line ?? 'Enter sends it to a new conversation · Esc closes')}</span>
      </p>
      <QuickActingFor />
      <div className="quick-skills" role="toolbar" aria-label="Your skills">
        <SkillQuickActions
          className="button button--small"
          onPick={(text, mode) => {
            quick.getState().setDraft(text);
            if (mode === 'send') void quick.getState().send();
            else inputRef.current?.focus();
          }}
        />
      </div>
      <QuickPendingApprovals />
    </main>
  );
}
