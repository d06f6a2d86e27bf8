// The sections of the workspace as a row of big buttons; the current one is marked in words
// (aria-current and a thick underline), not by colour alone.
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/domain.js';
import { canEditPipelines } from '../../../core/pipeline-editor.js';
import { maySeeWallboard } from '../../../core/agent-state.js';
import { canMergeCustomers } from '../../../core/duplicates.js';
import { canSeeReports } from '../../../core/reports.js';
import type { Screen, ScreenKind } from '../../state/navigation.js';
import { useShortcutLabel } from '../shortcuts/store.js';
import { useHome } from './store.js';
import './home.css';

interface Section {
  screen: Screen;
  label: string;
  testId: string;
  shortcut?: string;
}

export function WorkspaceNav({ role, current, onTab }: { role: Role; current: ScreenKind | null; onTab: (s: Screen) => void }) {
  const { t } = useTranslation();
  const count = useHome((s) => s.items.length);
  const searchKey = useShortcutLabel('searchCustomer');
  const sections: Section[] = [
    ...(role === 'supervisor' ? [] : [{ screen: { kind: 'home' } as const, label: t('nav.home'), testId: 'nav-home' }]),
    { screen: { kind: 'orders' }, label: role === 'supervisor' || role === 'admin' ? t('nav.ordersAll') : t('nav.orders'), testId: 'nav-orders' },
    { screen: { kind: 'search' }, label: t('nav.search'), testId: 'nav-search', shortcut: searchKey },
    { screen: { kind: 'catalog' }, label: t('nav.catalog'), testId: 'nav-catalog' },
    ...(maySeeWallboard(role) ? [{ screen: { kind: 'wallboard' } as const, label: t('nav.wallboard'), testId: 'nav-wallboard' }] : []),
    ...(canSeeReports(role) ? [{ screen: { kind: 'reports' } as const, label: t('nav.reports'), testId: 'nav-reports' }] : []),
    ...(canEditPipelines(role) ? [{ screen: { kind: 'pipelines' } as const, label: t('nav.pipelines'), testId: 'nav-pipelines' }] : []),
    ...(canMergeCustomers(role) ? [{ screen: { kind: 'duplicates' } as const, label: t('nav.duplicates'), testId: 'nav-duplicates' }] : []),
    { screen: { kind: 'shortcuts' }, label: t('nav.shortcuts'), testId: 'nav-shortcuts' },
  ];
  return (
    <nav className="workspace-nav" aria-label={t('nav.label')}>
      <ul>
        {sections.map((s) => {
          const active = current === s.screen.kind;
          return (
            <li key={s.testId}>
              <button
                type="button"
                className="workspace-nav__item"
                aria-current={active ? 'page' : undefined}
                aria-keyshortcuts={s.shortcut?.replace(/^Ctrl\+/, 'Control+')}
                onClick={() => onTab(s.screen)} data-testid={s.testId}>
                <span>{s.label}</span>
                {s.screen.kind === 'home' && count > 0 && <span className="workspace-nav__count">{count}</span>}
                {s.shortcut && <kbd className="btn__key">{s.shortcut}</kbd>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
