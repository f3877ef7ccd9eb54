import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import './approvals.css';

/**
 * The nav rail's count of approvals waiting for the user; it opens the conversation of the
 * oldest one (the one closest to expiring). Nothing is shown while nothing waits.
 */
export function PendingApprovalsBadge() {
  const { work } = useStores();
  const count = useStore(work, (s) => s.pendingApprovals.length);
  const oldest = useStore(work, (s) => s.pendingApprovals[0]);
  if (count === 0 || !oldest) return null;
  const href = oldest.conversationId ? `#/c/${encodeURIComponent(oldest.conversationId)}` : oldest.taskId ? `#/tasks/${encodeURIComponent(oldest.taskId)}` : '#/';
  const label = `${count} approval${count === 1 ? '' : 's'} waiting for you`;
  return (
    <a className="nav-link pending-approvals" href={href} aria-label={label} title={label} data-nav="approvals">
      <ShieldIcon />
      <span className="pending-badge-count" aria-hidden="true">
        {count > 99 ? '99+' : count}
      </span>
      <span className="nav-label">Approvals</span>
    </a>
  );
}

function ShieldIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6l-7-3Z" />
      <path d="m9 12 2 2 4-4" />
    </svg>
  );
}
