import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PersonInfo } from '../../../src-preload/contract.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { useApiAction } from '../mcp/use-api-action.js';
import { DEPARTMENTS, ROLES, type AssignableRole, type DepartmentId } from './people-options.js';
import { PersonRow } from './person-row.js';
import './people.css';

/**
 * Settings › People: the owner and the people the owner adds, with a role (what they may do) and
 * departments (the tools their department works with). The core decides who may change what and
 * says so; this section only shows and sends.
 */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function PeopleSection() {
  const api = useApi();
  const [people, setPeople] = useState<PersonInfo[]>([]);
  const [me, setMe] = useState<PersonInfo | null>(null);
  const [draft, setDraft] = useState({ name: '', email: '', role: 'employee' as AssignableRole, departments: [] as DepartmentId[] });
  const [shownToken, setShownToken] = useState<{ name: string; token: string } | null>(null);
  const load = useApiAction();
  const act = useApiAction();
  const loadRun = load.run;
  const refresh = useCallback(
    () =>
      void loadRun(async () => {
        const [list, self] = await Promise.all([api.call('people.list', {}), api.call('people.me', {})]);
        setPeople(list);
        setMe(self);
      }),
    [api, loadRun],
  );
  useEffect(refresh, [refresh]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const added = await act.run(() => api.call('people.add', draft));
    if (added) {
      setDraft({ name: '', email: '', role: 'employee', departments: [] });
      refresh();
    }
  };
  const change = (run: () => Promise<unknown>) => void act.run(run).then((done) => done && refresh());

  return (
    <DashSection title="People">
      <p className="muted">
        Roles decide what each person may do: employees use tools that only read or change files here, managers also reach the outside world (email, calendar, texts), directors and the owner also move money. A
        department adds the tools it works with. Approvals in workflows are routed by role.{me ? ` You are ${me.name} (${me.role}).` : ''}
      </p>
      <InlineError message={load.error} onRetry={refresh} />
      <ul className="plain-list people-list">
        {people.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            busy={act.busy}
            onChange={(patch) => change(() => api.call('people.update', { id: person.id, ...patch }))}
            onPassword={(password) => change(() => api.call('people.setPassword', { id: person.id, password }))}
            onToken={() => void act.run(() => api.call('people.issueToken', { id: person.id })).then((issued) => issued && setShownToken({ name: issued.person.name, token: issued.token }))}
          />
        ))}
      </ul>
      {shownToken && (
        <div role="status" className="dash-success">
          Sign-in token for {shownToken.name} (shown once; send it as the X-Steward-Person header): <code>{shownToken.token}</code>
        </div>
      )}
      <form className="form-grid" aria-label="Add a person" onSubmit={(e) => void add(e)}>
        <label>
          Name
          <input className="text-input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          Email
          <input className="text-input" type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
        </label>
        <label>
          Role
          <select className="text-input" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as AssignableRole })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="people-departments">
          <legend>Departments</legend>
          {DEPARTMENTS.map((d) => (
            <label key={d.id}>
              <input
                type="checkbox"
                checked={draft.departments.includes(d.id)}
                onChange={(e) => setDraft({ ...draft, departments: e.target.checked ? [...draft.departments, d.id] : draft.departments.filter((x) => x !== d.id) })}
              />{' '}
              {d.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={act.busy || !draft.name.trim() || !draft.email.trim()}>
          Add person
        </button>
      </form>
      <InlineError message={act.error} />
    </DashSection>
  );
}
