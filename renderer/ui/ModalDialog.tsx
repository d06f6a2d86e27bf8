// A modal dialog that opens with its question focused: the rest of the window is inert
// (showModal), the browser gives focus back on close, and Escape does what `onEscape` says
// (the dialog's own «Отмена»). The heading has the focus rather than the first button (APG: a
// dialog taller than the screen at 200 % must not open scrolled to its end).
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

export interface ModalDialogProps {
  title: ReactNode;
  /** The heading's id, when something inside refers to it (e.g. a group labelled by the question). */
  titleId?: string;
  /** The id of the element that explains the question (aria-describedby), if any. */
  describedBy?: string;
  onEscape: () => void;
  className?: string;
  'data-testid'?: string;
  children: ReactNode;
}

export function ModalDialog({ title, titleId: givenId, describedBy, onEscape, className, children, ...rest }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const autoId = useId();
  const titleId = givenId ?? autoId;
  // Layout effects: the dialog closes (and the browser gives focus back) in the same commit that
  // removes it, before any frame, so a screen that moves the focus on after it (the merge result)
  // is not overridden by a later passive cleanup.
  useLayoutEffect(() => {
    const d = dialog.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    heading.current?.focus();
    return () => {
      if (d?.open && typeof d.close === 'function') d.close();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid={rest['data-testid']}
      onCancel={(e) => {
        e.preventDefault();
        onEscape();
      }}
    >
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
