import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

/** How close to the end still counts as "at the bottom" (sub-pixel rounding, a last line). */
const BOTTOM_SLACK_PX = 48;

export interface StickToBottom {
  ref: RefObject<HTMLDivElement | null>;
  /** The element whose size changes as content streams in or rows are measured. */
  contentRef: RefObject<HTMLDivElement | null>;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  /** False once the user scrolls up; new content then no longer drags them down. */
  atBottom: boolean;
  /** Something arrived while the user was reading further up. */
  hasUnseen: boolean;
  scrollToBottom: (smooth?: boolean) => void;
}

/**
 * Auto-scroll for a chat log: follows new content while the reader is at the bottom, stops as
 * soon as they scroll up, and always follows the reader's own new message (`ownCount` grows).
 * A virtualised list changes height after render (rows are measured), so the content element's
 * size is watched too: while the reader is at the bottom, every growth keeps them there.
 */
export function useStickToBottom(contentKey: unknown, ownCount: number): StickToBottom {
  const ref = useRef<HTMLDivElement | null>(null);
  const contentRef = useRef<HTMLDivElement | null>(null);
  const atBottomRef = useRef(true);
  const ownCountRef = useRef(ownCount);
  const [atBottom, setAtBottom] = useState(true);
  const [hasUnseen, setHasUnseen] = useState(false);

  const scrollToBottom = useCallback((smooth = false) => {
    const el = ref.current;
    if (!el) return;
    atBottomRef.current = true;
    setAtBottom(true);
    setHasUnseen(false);
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
  }, []);

  // Only the reader scrolling up stops the following. Content that grows between our scroll and
  // the scroll event (a row measured, a message arriving on a busy machine) also leaves the view
  // short of the end, but with scrollTop unchanged or larger: that keeps following.
  const lastScrollTopRef = useRef(0);
  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    const isAtBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
    const scrolledUp = el.scrollTop < lastScrollTopRef.current - 1;
    lastScrollTopRef.current = el.scrollTop;
    if (!isAtBottom && !scrolledUp && atBottomRef.current) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    if (isAtBottom === atBottomRef.current) return;
    atBottomRef.current = isAtBottom;
    setAtBottom(isAtBottom);
    if (isAtBottom) setHasUnseen(false);
  }, []);

  // Layout effect: scroll before paint, so streaming text never shows a jump.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const sentSomething = ownCount > ownCountRef.current;
    ownCountRef.current = ownCount;
    if (sentSomething || atBottomRef.current) {
      atBottomRef.current = true;
      el.scrollTop = el.scrollHeight;
    } else {
      setHasUnseen(true);
    }
  }, [contentKey, ownCount]);

  useEffect(() => {
    const content = contentRef.current;
    if (!content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const el = ref.current;
      if (el && atBottomRef.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  return { ref, contentRef, onScroll, atBottom, hasUnseen, scrollToBottom };
}
