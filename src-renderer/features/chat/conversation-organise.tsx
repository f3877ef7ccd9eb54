import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Conversation } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { useStores } from '../../app/stores-context.js';

/** Pins a conversation to the top of the sidebar, or unpins it. Saved with the conversation. */
export function PinButton({ conversation }: { conversation: Conversation }) {
  const api = useApi();
  const { conversations } = useStores();
  const pinned = conversation.pinned ?? false;
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button pin-button"
        aria-label={`${pinned ? 'Unpin' : 'Pin'} “${conversation.title}”`}
        aria-pressed={pinned}
        title={pinned ? 'Unpin' : 'Pin to the top'}
        onClick={() => {
          setError(null);
          api.call('conversations.pin', { id: conversation.id, pinned: !pinned }).then(
            (updated) => conversations.getState().upsert(updated),
            (err: unknown) => setError(ApiError.from(err).message),
          );
        }}
      >
        {pinned ? '★' : '☆'}
      </button>
      {error && (
        <span className="item-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** Files a conversation in a sidebar folder (a new name makes a new folder; empty takes it out). */
export function FolderForm({ conversation, folders, onDone }: { conversation: Conversation; folders: string[]; onDone: () => void }) {
  const api = useApi();
  const { conversations } = useStores();
  const [name, setName] = useState(conversation.folder ?? '');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => ref.current?.focus(), []);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const folder = name.trim() === '' ? null : name;
    api.call('conversations.setFolder', { id: conversation.id, folder }).then(
      (updated) => {
        conversations.getState().upsert(updated);
        onDone();
      },
      (err: unknown) => setError(ApiError.from(err).issues.find((i) => i.path === 'folder')?.message ?? ApiError.from(err).message),
    );
  };
  return (
    <li className="conversation-item conversation-item--editing">
      <form onSubmit={save} aria-label={`Folder of “${conversation.title}”`}>
        <input
          ref={ref}
          className="rename-input"
          aria-label="Folder name"
          placeholder="Folder name (empty: no folder)"
          list={listId}
          value={name}
          maxLength={80}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onDone();
            }
          }}
        />
        <datalist id={listId}>
          {folders.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        {error && (
          <p className="item-error" role="alert">
            Folder name {error}
          </p>
        )}
        <div className="confirm-actions">
          <button type="submit" className="button button--small">
            Move
          </button>
          <button type="button" className="button button--small" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}

export interface SidebarGroup {
  /** null: conversations in no folder and not pinned. */
  heading: string | null;
  kind: 'pinned' | 'folder' | 'rest';
  conversations: Conversation[];
}

/** The sidebar's sections: Pinned first, then each folder by name, then everything else (newest first within each). */
export function sidebarGroups(list: Conversation[]): SidebarGroup[] {
  const pinned = list.filter((c) => c.pinned);
  const folders = new Map<string, Conversation[]>();
  const rest: Conversation[] = [];
  for (const c of list) {
    if (c.pinned) continue;
    if (c.folder) folders.set(c.folder, [...(folders.get(c.folder) ?? []), c]);
    else rest.push(c);
  }
  const groups: SidebarGroup[] = [];
  if (pinned.length) groups.push({ heading: 'Pinned', kind: 'pinned', conversations: pinned });
  for (const name of [...folders.keys()].sort((a, b) => a.localeCompare(b))) groups.push({ heading: name, kind: 'folder', conversations: folders.get(name)! });
  if (rest.length) groups.push({ heading: groups.length ? 'Conversations' : null, kind: 'rest', conversations: rest });
  return groups;
}
