/** Inline SVG icons (no icon font, no network): decorative, so hidden from assistive technology. */
import type { ReactElement } from 'react';

interface IconProps {
  size?: number;
  className?: string;
}

function svg(paths: ReactElement, { size = 18, className }: IconProps): ReactElement {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths}
    </svg>
  );
}

export const PlusIcon = (p: IconProps) => svg(<path d="M12 5v14M5 12h14" />, p);
export const SearchIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </>,
    p,
  );
export const PencilIcon = (p: IconProps) => svg(<path d="M4 20h4L18.5 9.5a2.1 2.1 0 0 0-4-4L4 16v4ZM13.5 6.5l4 4" />, p);
export const TrashIcon = (p: IconProps) => svg(<path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />, p);
export const SendIcon = (p: IconProps) => svg(<path d="M12 19V5M6 11l6-6 6 6" />, p);
export const ArrowDownIcon = (p: IconProps) => svg(<path d="M12 5v14M6 13l6 6 6-6" />, p);
export const InfoIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5M12 8h.01" />
    </>,
    p,
  );
export const AlertIcon = (p: IconProps) => svg(<path d="M12 4 2.5 20h19L12 4ZM12 10v4M12 17h.01" />, p);
export const MenuIcon = (p: IconProps) => svg(<path d="M4 7h16M4 12h16M4 17h16" />, p);
export const CheckIcon = (p: IconProps) => svg(<path d="m5 12 5 5L20 7" />, p);
export const CloseIcon = (p: IconProps) => svg(<path d="M6 6l12 12M18 6 6 18" />, p);
export const CopyIcon = (p: IconProps) => svg(<path d="M9 9h10v11H9zM5 15V4h10" />, p);
export const RetryIcon = (p: IconProps) => svg(<path d="M4 12a8 8 0 0 1 14-5.3M20 4v4h-4M20 12a8 8 0 0 1-14 5.3M4 20v-4h4" />, p);
export const BoltIcon = (p: IconProps) => svg(<path d="M13 3 5 14h6l-1 7 8-11h-6l1-7Z" />, p);
export const CoinIcon = (p: IconProps) => svg(<path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM15 9.5c-.5-1-1.6-1.5-3-1.5-1.7 0-3 .8-3 2s1.3 1.7 3 2 3 .8 3 2-1.3 2-3 2c-1.4 0-2.5-.5-3-1.5M12 6v2M12 16v2" />, p);
export const ChatIcon = (p: IconProps) => svg(<path d="M5 18.5V6a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H8.5L5 18.5Z" />, p);

/** Steward's mark: a rounded square with a check, drawn in the accent colour by CSS. */
export function StewardMark({ size = 28 }: { size?: number }): ReactElement {
  return (
    <svg className="steward-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="9" className="steward-mark__bg" />
      <path d="M9.5 16.5l4.2 4.2L22.5 11.5" fill="none" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" className="steward-mark__check" />
    </svg>
  );
}
