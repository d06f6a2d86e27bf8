import type { CSSProperties, HTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon.js';

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'neutral';
const toneIcon: Record<Tone, IconName> = { ok: 'check', busy: 'sync', warn: 'warning', error: 'error', neutral: 'info' };

/** State in words + icon + colour, never colour alone. */
export function StatusBadge({ tone, text, ...rest }: { tone: Tone; text: string } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span className={`badge badge--${tone}`} {...rest}>
      <Icon name={toneIcon[tone]} />
      <span>{text}</span>
    </span>
  );
}

/** A pipeline stage: its configured colour as a swatch and border, its name as dark text. */
export function StageBadge({ name, stageColor, ...rest }: { name: string; stageColor: string | null } & HTMLAttributes<HTMLSpanElement>) {
  const style = stageColor ? ({ '--stage-color': stageColor } as CSSProperties) : undefined;
  return (
    <span className="badge stage-badge" style={style} {...rest}>
      <span className="stage-badge__swatch" aria-hidden="true" />
      <span>{name}</span>
    </span>
  );
}
