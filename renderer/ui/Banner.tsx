import type { HTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

export type BannerTone = 'info' | 'ok' | 'warn' | 'error';
const toneIcon: Record<BannerTone, IconName> = { info: 'info', ok: 'check', warn: 'warning', error: 'error' };

/** A message block. Pass role="alert" for errors that must be announced at once. */
export function Banner({ tone, children, ...rest }: { tone: BannerTone; children: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={`banner banner--${tone}`} {...rest}>
      <Icon name={toneIcon[tone]} className="banner__icon" />
      <div className="banner__text">{children}</div>
    </div>
  );
}
