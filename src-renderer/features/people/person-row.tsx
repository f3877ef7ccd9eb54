import { useState } from 'react';
import type { PersonInfo } from '../../../src-preload/contract.js';
import { DEPARTMENTS, ROLES, type AssignableRole, type DepartmentId } from './people-options.js';

/** One person: role and departments to change, switch off, set a password or make a sign-in token (the owner's row keeps its role). */
export function PersonRow({
  person,
  busy,
  onChange,
  onPassword,
  onToken,
}: {
  person: PersonInfo;
  busy: boolean;
  onChange: (patch: { role?: AssignableRole; departments?: DepartmentId[]; active?: boolean }) => void;
  onPassword: (password: string) => void;
  onToken: () => void;
}) {
  const [password, setPassword] = useState('');
  const owner = person.role === 'owner';
  return (
    <li aria-label={person.name} className={person.active ? undefined : 'muted'}>
      <strong>{person.name}</strong> <span className="muted">{person.email}</span>{' '}
      {owner ? (
        <span>owner</span>
      ) : (
        <select className="text-input" aria-label={`Role of ${person.name}`} value={person.role} disabled={busy} onChange={(e) => onChange({ role: e.target.value as AssignableRole })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
      <span className="people-departments">
        {DEPARTMENTS.map((d) => (
          <label key={d.id}>
            <input
              type="checkbox"
              disabled={busy}
              checked={person.departments.includes(d.id)}
              onChange={(e) => onChange({ departments: e.target.checked ? [...person.departments, d.id] : person.departments.filter((x) => x !== d.id) })}
            />{' '}
            {d.label}
          </label>
        ))}
      </span>
      {!owner && (
        <label>
          <input type="checkbox" checked={person.active} disabled={busy} onChange={(e) => onChange({ active: e.target.checked })} /> active
        </label>
      )}
      <form
        className="inline-form"
        aria-label={`Password for ${person.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          onPassword(password);
          setPassword('');
        }}
      >
        <input className="text-input" type="password" autoComplete="new-password" placeholder="new password (10+ characters)" value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="button" disabled={busy || !password}>
          Set password
        </button>
        <button type="button" className="button" disabled={busy} onClick={onToken}>
          New sign-in token
        </button>
      </form>
      {person.canSignIn && <span className="muted"> can sign in to the shared server</span>}
    </li>
  );
}
