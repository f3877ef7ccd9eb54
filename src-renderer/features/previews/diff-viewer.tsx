import { Fragment, useMemo, useState } from 'react';
import type { ArtifactDiff } from '../../../src-preload/schemas/artifacts.js';
import { useApi } from '../../app/dashboards-context.js';
import { InlineError, LoadingLine } from '../../ui/dashboard-page.js';
import { gapLines, splitRows, unifiedRows, type DiffCell, type DiffGap } from './diff-layout.js';
import { useApiResult } from './use-api-result.js';
import './previews.css';

export type DiffDecision = 'accepted' | 'rejected';

interface ProposedChangeDiffProps {
  /** Workspace-relative path the change would write (relative to the task's folder with a taskId). */
  path: string;
  taskId?: string | null;
  /** The full proposed content of the file. */
  proposed: string;
  /** Accept / Reject buttons; leave both out where the surrounding card carries the decision. */
  onAccept?: () => void;
  onReject?: () => void;
  /** Set once the change was decided: the buttons give way to the outcome. */
  decided?: DiffDecision;
  /** True while the decision is being sent (buttons disabled). */
  busy?: boolean;
}

const NARROW = '(max-width: 760px)';

/**
 * A proposed file change: the current file against the proposed content, side by side (old left,
 * new right) or unified, with Accept / Reject. Reads only — accepting is the caller's business
 * (for a files.create approval, the approval's approve/reject).
 */
export function ProposedChangeDiff({ path, taskId, proposed, onAccept, onReject, decided, busy = false }: ProposedChangeDiffProps) {
  const api = useApi();
  const { result, retry } = useApiResult(`${taskId ?? ''}\u0000${path}\u0000${proposed}`, () =>
    api.call('artifacts.diff', taskId ? { path, taskId, proposed } : { path, proposed }),
  );
  const [unified, setUnified] = useState(() => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches);

  return (
    <section className="diff" aria-label={`Proposed change to ${path}`}>
      <header className="diff__header">
        <div className="diff__title">
          <span className="diff__path">{path}</span>
          {result.state === 'ready' && <DiffStats diff={result.value} />}
        </div>
        {result.state === 'ready' && result.value.exists && (
          <div className="segmented" role="group" aria-label="Diff layout">
            <button type="button" className="segmented__item" aria-pressed={!unified} onClick={() => setUnified(false)}>
              Side by side
            </button>
            <button type="button" className="segmented__item" aria-pressed={unified} onClick={() => setUnified(true)}>
              Unified
            </button>
          </div>
        )}
      </header>
      {result.state === 'loading' && (
        <LoadingLine>Comparing with the current file…</LoadingLine>
      )}
      {result.state === 'error' && <InlineError message={result.message} onRetry={retry} />}
      {result.state === 'ready' && <DiffBody diff={result.value} unified={unified || !result.value.exists} />}
      {(decided || onAccept || onReject) && (
      <footer className="diff__footer">
        {decided ? (
          <p className={`diff__outcome diff__outcome--${decided}`} role="status">
            {decided === 'accepted' ? 'Change accepted' : 'Change rejected'}
          </p>
        ) : (
          <>
            {onReject && (
              <button type="button" className="button button--ghost-danger" onClick={onReject} disabled={busy}>
                Reject
              </button>
            )}
            {onAccept && (
              <button type="button" className="button button--primary" onClick={onAccept} disabled={busy || result.state !== 'ready'}>
                Accept change
              </button>
            )}
          </>
        )}
      </footer>
      )}
    </section>
  );
}

function DiffStats({ diff }: { diff: ArtifactDiff }) {
  return (
    <span className="diff__stats">
      {!diff.exists && <span className="chip chip--accent">New file</span>}
      <span className="diff__added" aria-label={`${diff.additions} lines added`}>
        +{diff.additions}
      </span>
      <span className="diff__removed" aria-label={`${diff.deletions} lines removed`}>
        −{diff.deletions}
      </span>
    </span>
  );
}

function DiffBody({ diff, unified }: { diff: ArtifactDiff; unified: boolean }) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const split = useMemo(() => splitRows(diff), [diff]);
  const single = useMemo(() => unifiedRows(diff), [diff]);
  if (diff.hunks.length === 0) return <p className="preview-note">No changes: the proposed content is the same as the current file.</p>;
  const expand = (gap: DiffGap) => setExpanded(new Set([...expanded, gap.id]));
  const columns = unified ? 3 : 4;
  const gapRow = (gap: DiffGap) =>
    expanded.has(gap.id) ? (
      gapLines(gap, diff.before).map((line) =>
        unified ? (
          <UnifiedLine key={`g${gap.id}-${line.oldNumber}`} type="equal" oldNumber={line.oldNumber} newNumber={line.newNumber} text={line.text} />
        ) : (
          <SplitLine key={`g${gap.id}-${line.oldNumber}`} left={{ number: line.oldNumber, text: line.text, type: 'equal' }} right={{ number: line.newNumber, text: line.text, type: 'equal' }} />
        ),
      )
    ) : (
      <tr key={`gap-${gap.id}`} className="diff-gap">
        <td colSpan={columns}>
          <button type="button" className="diff-gap__button" onClick={() => expand(gap)}>
            Show {gap.count} unchanged line{gap.count === 1 ? '' : 's'}
          </button>
        </td>
      </tr>
    );
  return (
    <div className="diff__scroll" tabIndex={0} role="region" aria-label={unified ? 'Unified diff' : 'Side-by-side diff'}>
      <table className={unified ? 'diff-table diff-table--unified' : 'diff-table diff-table--split'}>
        <colgroup>
          {unified ? (
            <>
              <col className="diff-col-number" />
              <col className="diff-col-number" />
              <col />
            </>
          ) : (
            <>
              <col className="diff-col-number" />
              <col />
              <col className="diff-col-number" />
              <col />
            </>
          )}
        </colgroup>
        <tbody>
          {unified
            ? single.map((row, i) => (row.kind === 'gap' ? <Fragment key={`gap-${row.id}`}>{gapRow(row)}</Fragment> : <UnifiedLine key={i} {...row} />))
            : split.map((row, i) => (row.kind === 'gap' ? <Fragment key={`gap-${row.id}`}>{gapRow(row)}</Fragment> : <SplitLine key={i} left={row.left} right={row.right} />))}
        </tbody>
      </table>
    </div>
  );
}

const SIGN = { equal: ' ', delete: '−', insert: '+' } as const;
const SPOKEN = { equal: '', delete: 'Removed: ', insert: 'Added: ' } as const;

function SplitLine({ left, right }: { left: DiffCell | null; right: DiffCell | null }) {
  return (
    <tr className="diff-row">
      <Cells cell={left} />
      <Cells cell={right} />
    </tr>
  );
}

function Cells({ cell }: { cell: DiffCell | null }) {
  if (!cell) {
    return (
      <>
        <td className="diff-num diff-empty" />
        <td className="diff-text diff-empty" />
      </>
    );
  }
  return (
    <>
      <td className={`diff-num diff-num--${cell.type}`}>{cell.number}</td>
      <td className={`diff-text diff-text--${cell.type}`} data-type={cell.type}>
        <span className="sr-only">{SPOKEN[cell.type]}</span>
        <span className="diff-sign" aria-hidden="true">
          {SIGN[cell.type]}
        </span>
        {cell.text}
      </td>
    </>
  );
}

function UnifiedLine({ type, oldNumber, newNumber, text }: { type: DiffCell['type']; oldNumber: number | null; newNumber: number | null; text: string }) {
  return (
    <tr className="diff-row">
      <td className={`diff-num diff-num--${type}`}>{oldNumber ?? ''}</td>
      <td className={`diff-num diff-num--${type}`}>{newNumber ?? ''}</td>
      <td className={`diff-text diff-text--${type}`} data-type={type}>
        <span className="sr-only">{SPOKEN[type]}</span>
        <span className="diff-sign" aria-hidden="true">
          {SIGN[type]}
        </span>
        {text}
      </td>
    </tr>
  );
}
