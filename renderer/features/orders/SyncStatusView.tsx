// The sync state in words (+ icon + colour), announced politely when it changes; offline, a calm
// banner with the pending count, the last sync time and a retry button; a progress bar during a
// first sync; refusals from the server in plain words with what the operator typed kept.
// Nothing here blocks the operator.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../core/contract.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { useSync } from '../../state/sync.js';
import { Button, StatusBadge, type Tone } from '../../ui/index.js';

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
  const { t, i18n } = useTranslation();
  const api = useApi();
  const status = useSync((s) => s.status);
  const { tone, text } = describeSync(t, status);
  const progress = status?.progress ?? null;
  const rejected = status?.rejected ?? [];
  const lastSync = status?.lastSyncAt
    ? new Date(status.lastSyncAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Moscow' })
    : null;
  const retry = () => void api.call('sync.now', {}).then((r) => r.ok && useSync.getState().set(r.value));
  return (
    <div className="sync-status" role="status" aria-label={t('sync.label')}>
      <StatusBadge tone={tone} text={text} data-testid="sync-status" data-sync-state={status?.state ?? 'unknown'} data-pending={status?.pending ?? 0} />
      {status?.state === 'offline' || status?.state === 'error' ? (
        <span className="sync-status__more">
          <span data-testid="sync-last">{lastSync ? t('sync.lastSync', { time: lastSync }) : t('sync.neverSynced')}</span>{' '}
          <Button data-testid="sync-retry" onClick={retry}>{t('sync.retry')}</Button>
        </span>
      ) : null}
      {progress && progress.total > 0 ? (
        <span className="sync-status__progress">
          <progress data-testid="sync-progress" max={progress.total} value={progress.done} aria-label={t('sync.progressLabel')} />{' '}
          {t('sync.progress', { done: progress.done.toLocaleString(i18n.language), total: progress.total.toLocaleString(i18n.language) })}
        </span>
      ) : null}
      {rejected.length > 0 ? (
        <ul className="sync-status__rejected" data-testid="sync-rejected" aria-label={t('sync.rejectedTitle')}>
          {rejected.map((r) => (
            <li key={r.id} data-testid="sync-rejected-item" data-code={r.error.code}>
              {t('sync.rejectedItem', { reason: errorMessage(t, r.error) })}
              {r.text ? <> {t('sync.rejectedKept')} «<span data-testid="sync-rejected-text">{r.text}</span>»</> : null}{' '}
              <Button onClick={() => void api.call('sync.dismissRejected', { id: r.id })}>{t('sync.dismiss')}</Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
