import { useEffect, useId, type ReactNode } from 'react';
import { ConnectionBanner } from './connection-banner.js';

/** The frame every dashboard shares: a titled main landmark, a header for actions, and scrollable content. */
export function DashboardPage({ title, description, actions, children }: { title: string; description?: string; actions?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  useEffect(() => {
    document.title = `${title} — Steward`;
  }, [title]);
  return (
    <main className="dash" aria-labelledby={headingId}>
      <header className="dash-header">
        <div className="dash-heading">
          <h1 id={headingId} className="dash-title">
            {title}
          </h1>
          {description && <p className="dash-description">{description}</p>}
        </div>
        {actions && <div className="dash-actions">{actions}</div>}
      </header>
      <ConnectionBanner />
      <div className="dash-body">{children}</div>
    </main>
  );
}

/** A titled card: one region of a dashboard. */
export function DashSection({ title, actions, children, className }: { title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  const headingId = useId();
  return (
    <section className={`dash-card${className ? ` ${className}` : ''}`} aria-labelledby={headingId}>
      <div className="dash-card-header">
        <h2 id={headingId} className="dash-card-title">
          {title}
        </h2>
        {actions && <div className="dash-card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** A polite "working on it" line with a spinner, while something loads. */
export function LoadingLine({ children }: { children: ReactNode }) {
  return (
    <div className="loading-line" role="status">
      <span className="spinner" aria-hidden="true" /> {children}
    </div>
  );
}

/** An inline, announced error with an optional retry. */
export function InlineError({ message, onRetry }: { message: string | null | undefined; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <div className="dash-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/**
 * A polite status line for things that just happened ("Saved"). `floating` shows it as a toast
 * over the page's corner that fades after a few seconds, so a dashboard's content never jumps
 * down under the pointer when an action succeeds. `version` restarts the toast when the same text
 * is said again (a second "Saved.").
 */
export function Notice({ text, floating, version }: { text: string | null | undefined; floating?: boolean; version?: number | string | null }) {
  if (!floating) {
    return (
      <p className="dash-notice" role="status" aria-live="polite">
        {text ?? ''}
      </p>
    );
  }
  return (
    <div className="dash-toast-region" role="status" aria-live="polite">
      {text ? (
        <p key={`${text}|${version ?? ''}`} className="dash-toast">
          {text}
        </p>
      ) : null}
    </div>
  );
}
