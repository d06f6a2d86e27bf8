import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Icon, type IconName } from './Icon.js';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary';
  size?: 'normal' | 'large';
  wide?: boolean;
  icon?: IconName;
  /** Its keyboard shortcut, shown on the button («Ответить  F2») and told to screen readers. */
  shortcut?: string | null | undefined;
  children: ReactNode;
  /** React 19 passes `ref` as a prop; it lands on the <button>. */
  ref?: Ref<HTMLButtonElement>;
}

/** aria-keyshortcuts spells Ctrl as «Control». */
const ariaKeys = (key: string) => key.replace(/^Ctrl\+/, 'Control+');

export function Button({ variant = 'secondary', size = 'normal', wide, icon, shortcut, className, type = 'button', children, ...rest }: ButtonProps) {
  const cls = ['btn', `btn--${variant}`, size === 'large' && 'btn--large', wide && 'btn--wide', className].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} aria-keyshortcuts={shortcut ? ariaKeys(shortcut) : undefined} {...rest}>
      {icon && <Icon name={icon} className="btn__icon" />}
      <span>{children}</span>
      {shortcut && <kbd className="btn__key">{shortcut}</kbd>}
    </button>
  );
}
