/** The Workflows place's navigation icon (decorative; the link text names the place). */
export const NavWorkflowsIcon = () => (
  <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <rect x="3" y="3" width="6" height="5" rx="1" />
    <rect x="15" y="9.5" width="6" height="5" rx="1" />
    <rect x="3" y="16" width="6" height="5" rx="1" />
    <path d="M9 5.5h3v13H9M12 12h3" />
  </svg>
);
