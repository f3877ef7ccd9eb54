/** Said where the browser build shows a setting that only the desktop app can act on. */
export function DesktopOnlyNote({ what }: { what: string }) {
  return (
    <p className="muted small" role="note" aria-label="Desktop app only">
      {what} works in the desktop app (<code>npm start</code>); in this browser window it has no effect. The setting is kept for when you use the app.
    </p>
  );
}
