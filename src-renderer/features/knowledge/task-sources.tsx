import type { KnowledgeSource } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';
import { DashSection } from '../../ui/dashboard-page.js';
import { useApiResult } from '../previews/use-api-result.js';
import { CitationLink } from './citation-link.js';
import './knowledge.css';

/** The passages a finished task's result cites (tasks.sources); `version` changes when the task does, to ask again. */
function useTaskSources(taskId: string, version: string): KnowledgeSource[] {
  const api = useApi();
  const { result } = useApiResult(`${taskId}\u0000${version}`, () => api.call('tasks.sources', { id: taskId }));
  // Sources are an extra: while loading, or if they cannot be read, the card shows the rest as before.
  return result.state === 'ready' ? result.value : [];
}

function SourceList({ sources }: { sources: KnowledgeSource[] }) {
  return (
    <ul className="task-sources__list" aria-label="Sources">
      {sources.map((source) => (
        <li key={source.n}>
          <CitationLink passageId={source.passageId}>
            [{source.n}] {source.label}
          </CitationLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * Sources on a finished task's card: the knowledge passages its work drew on, each opening the
 * passage in its file over the chat — the same links as a chat reply's Sources line.
 */
export function TaskSources({ taskId, version }: { taskId: string; version: string }) {
  const sources = useTaskSources(taskId, version);
  if (sources.length === 0) return null;
  return (
    <div className="task-sources">
      <span className="task-sources__title">Sources</span>
      <SourceList sources={sources} />
    </div>
  );
}

/** The same sources as a section of the task's details. */
export function TaskSourcesSection({ taskId, version }: { taskId: string; version: string }) {
  const sources = useTaskSources(taskId, version);
  if (sources.length === 0) return null;
  return (
    <DashSection title="Sources" className="task-sources-section">
      <SourceList sources={sources} />
    </DashSection>
  );
}
