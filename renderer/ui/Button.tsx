import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Icon, type IconName } from './Icon.js';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary';
  size?: 'normal' | 'large';
  wide?: boolean;
  icon?: IconName;
  children: ReactNode;
  /** React 19 passes `ref` as a prop; it lands on the <button>. */
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'secondary', size = 'normal', wide, icon, className, type = 'button', children, ...rest }: ButtonProps) {
  const cls = ['btn', `btn--${variant}`, size === 'large' && 'btn--large', wide && 'btn--wide', className].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} {...rest}>
      {icon && <Icon name={icon} className="btn__icon" />}
      <span>{children}</span>
    </button>
  );
}
