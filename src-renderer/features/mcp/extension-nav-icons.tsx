/** Navigation icons of the MCP servers, Schedules and Skills places (decorative; the link text names the place). */
import type { ReactElement } from 'react';

function icon(paths: ReactElement): ReactElement {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {paths}
    </svg>
  );
}

export const NavMcpIcon = () => icon(<path d="M9 3v5M15 3v5M7 8h10v4a5 5 0 0 1-10 0V8ZM12 17v4" />);
export const NavSchedulesIcon = () =>
  icon(
    <>
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l3 2M9 2h6" />
    </>,
  );
export const NavSkillsIcon = () => icon(<path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />);
