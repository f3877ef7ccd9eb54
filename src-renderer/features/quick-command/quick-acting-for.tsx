import { useEffect, useState } from 'react';
import type { PersonInfo } from '../../../src-preload/schemas/people.js';
import { useApi } from '../../app/dashboards-context.js';
import { roleLabel } from '../sign-in/person-session.js';

/**
 * Whom a message sent from here acts for, as the core answers people.me for this window. The
 * desktop quick-command window never signs in (Switch profile is a main-window dialog, and sign-in
 * is not among the quick window's methods), so it always acts for the owner; a browser tab where a
 * person signed in acts for that person here too.
 */
export function QuickActingFor() {
  const api = useApi();
  const [me, setMe] = useState<PersonInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.call('people.me', {}).then(
      (person) => live && setMe(person),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (!me) return null;
  // One line in a small fixed window: the whole sentence is its tooltip too.
  const text =
    me.role === 'owner'
      ? `Acts for the owner, ${me.name}, always: Switch profile in the main window does not apply here.`
      : `Acts for ${me.name} (${roleLabel(me.role)}), who signed in here.`;
  return (
    <p className="quick-acting-for" title={text} data-quick-acting-for>
      {text}
    </p>
  );
}
