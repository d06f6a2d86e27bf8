// The sync state in words (+ icon + colour), announced politely when it changes.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../core/contract.js';
import { errorMessage } from '../../i18n/errors.js';
import { useSync } from '../../state/sync.js';
import { StatusBadge, type Tone } from '../../ui/index.js';

export function describeSync(t: TFunction, s: SyncStatus | null): { tone: Tone; text: string } {
  if (!s) return { tone: 'neutral', text: t('sync.unknown') };
  switch (s.state) {
    case 'idle':
      return { tone: 'ok', text: t('sync.idle') };
    case 'syncing':
      return { tone: 'busy', text: t('sync.syncing') };
    case 'offline':
      return { tone: 'warn', text: t('sync.offline', { count: s.pending }) };
    case 'error':
      return { tone: 'error', text: t('sync.error', { count: s.pending, reason: s.lastError ? errorMessage(t, s.lastError) : '' }) };
    case 'logged_out':
      return { tone: 'neutral', text: t('sync.logged_out') };
  }
}

export function SyncStatusView() {
  const { t } = useTranslation();
  const status = useSync((s) => s.status);
  const { tone, text } = describeSync(t, status);
  return (
    <div className="sync-status" role="status" aria-label={t('sync.label')}>
      <StatusBadge tone={tone} text={text} data-testid="sync-status" data-sync-state={status?.state ?? 'unknown'} />
    </div>
  );
}
