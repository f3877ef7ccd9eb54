import { useEffect, useState } from 'react';
import type { PersonInfo } from '../../../src-preload/schemas/people.js';
import { useApi } from '../../app/dashboards-context.js';
import { ProfileDialog } from './profile-dialog.js';
import { endPersonSession, personSignedIn, roleLabel } from './person-session.js';
import './sign-in.css';

/**
 * Who this window acts for, in the navigation rail: the owner by default; after "Switch profile",
 * the person who signed in (every request then acts for them, with their role). Opens the profile
 * dialog. A person's sign-in that ended (the server restarted, or their profile was switched off)
 * returns the window to the owner instead of failing every request.
 */
export function ActingPersonBadge() {
  const api = useApi();
  const [me, setMe] = useState<PersonInfo | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('people.me', {}).then(
      (person) => live && setMe(person),
      () => {
        // The signed-in person is no longer accepted: back to the owner.
        if (live && personSignedIn()) endPersonSession(api, 'ended');
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (!me) return null;
  const label = `Acting as ${me.name} (${roleLabel(me.role)}). Switch profile`;
  return (
    <>
      <button type="button" className="nav-link acting-person" aria-label={label} title={label} data-nav="profile" onClick={() => setOpen(true)}>
        <span className="acting-person-initials" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="nav-label" data-acting-person>
          {me.name.split(/\s+/)[0]}
        </span>
      </button>
      <ProfileDialog open={open} me={me} onClose={() => setOpen(false)} />
    </>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}
