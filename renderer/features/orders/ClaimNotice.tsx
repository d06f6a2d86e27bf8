// «Звонит Ирина»: someone else is working this order right now — in words, icon and colour.
import { useTranslation } from 'react-i18next';
import type { ClaimView } from '../../../core/contract.js';
import { Icon } from '../../ui/index.js';
import { useNow } from './useNow.js';

/** The name of whoever else holds a claim still in force, or null. */
export function useOtherHolder(claim: ClaimView | null | undefined, fallbackName: string | null = null): string | null {
  const now = useNow();
  if (claim && !claim.mine && Date.parse(claim.expiresAt) > now) return claim.holderName;
  return fallbackName;
}

export function ClaimBadge({ name, ...rest }: { name: string; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <span className="claim-badge" {...rest}>
      <Icon name="phone" />
      <span>{t('claims.calling', { name })}</span>
    </span>
  );
}
