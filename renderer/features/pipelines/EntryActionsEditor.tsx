// «Что сделать, когда заказ попадает на этап»: send a message, create a task, remind the customer.
import { useTranslation } from 'react-i18next';
import type { StageEntryAction } from '../../../core/domain.js';
import type { PipelineProblem, TemplateChoice } from '../../../core/pipeline-editor.js';
import { Button, TextField } from '../../ui/index.js';
import { problemAt } from './problems.js';
import { Select } from './Select.js';

const ASSIGN = ['order_operator', 'role:operator', 'role:technician', 'role:admin', 'role:supervisor'] as const;

function fresh(kind: StageEntryAction['kind'], templates: TemplateChoice[]): StageEntryAction {
  const first = templates[0];
  if (kind === 'send_template') return { kind, templateId: first?.id ?? '', channel: first?.channel ?? 'email' };
  if (kind === 'create_task') return { kind, title: '', dueInMinutes: 60, assignTo: 'order_operator' };
  return { kind, templateId: first?.id ?? '', when: 'day_before_19' };
}

/** A whole number as typed, or NaN (the validator names it) — the field keeps the text it shows. */
const numberOf = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
/** «Заказ № {{order.number}} подтверждён» → «Заказ № … подтверждён»: what the customer reads, without the fill-ins. */
const readable = (text: string) => text.replace(/\{\{\s*[\w.]+\s*\}\}/g, '…');
const shown = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(n));

export function EntryActionsEditor({ actions, templates, problems, path, stageName, onChange }: {
  actions: StageEntryAction[];
  templates: TemplateChoice[];
  problems: PipelineProblem[];
  /** `stages.N` — problems of action k are at `stages.N.actions.k.*`. */
  path: string;
  stageName: string;
  onChange: (next: StageEntryAction[]) => void;
}) {
  const { t } = useTranslation();
  const templateOptions = [
    { value: '', label: t('pipelines.actions.chooseTemplate') },
    ...templates.map((x) => ({ value: x.id, label: `${t(`pipelines.actions.channel.${x.channel}`)}: ${readable(x.label)}` })),
  ];
  const set = (k: number, next: StageEntryAction) => onChange(actions.map((a, i) => (i === k ? next : a)));

  return (
    <div className="pipelines__actions">
      {actions.length === 0 && <p className="pipelines__muted">{t('pipelines.actions.none')}</p>}
      <ol className="pipelines__action-list">
        {actions.map((a, k) => {
          const at = `${path}.actions.${k}`;
          const n = k + 1;
          return (
            <li key={k} className="pipelines__action" data-testid="entry-action">
              <div className="pipelines__action-fields">
                <Select label={t('pipelines.actions.kind', { n })} value={a.kind} testId="entry-action-kind"
                  onChange={(v) => set(k, fresh(v as StageEntryAction['kind'], templates))}
                  options={(['send_template', 'create_task', 'schedule_reminder'] as const).map((x) => ({ value: x, label: t(`pipelines.actions.kinds.${x}`) }))} />
                {(a.kind === 'send_template' || a.kind === 'schedule_reminder') && (
                  <Select label={t('pipelines.actions.template')} value={a.templateId} options={templateOptions}
                    error={problemAt(t, problems, `${at}.templateId`)} testId="entry-action-template"
                    onChange={(v) => {
                      const channel = templates.find((x) => x.id === v)?.channel ?? 'email';
                      set(k, a.kind === 'send_template' ? { ...a, templateId: v, channel } : { ...a, templateId: v });
                    }} />
                )}
                {a.kind === 'create_task' && (
                  <>
                    <TextField label={t('pipelines.actions.taskTitle')} value={a.title} maxLength={200}
                      error={problemAt(t, problems, `${at}.title`)} onChange={(e) => set(k, { ...a, title: e.target.value })} data-testid="entry-action-title" />
                    <TextField label={t('pipelines.actions.due')} inputMode="numeric" value={shown(a.dueInMinutes)}
                      error={problemAt(t, problems, `${at}.dueInMinutes`)} onChange={(e) => set(k, { ...a, dueInMinutes: numberOf(e.target.value) })} />
                    <Select label={t('pipelines.actions.assignTo')} value={a.assignTo}
                      options={ASSIGN.map((x) => ({ value: x, label: t(`pipelines.actions.assign.${x.replace(':', '_')}`) }))}
                      onChange={(v) => set(k, { ...a, assignTo: v as (typeof ASSIGN)[number] })} />
                  </>
                )}
                {a.kind === 'schedule_reminder' && (
                  <>
                    <Select label={t('pipelines.actions.when')} value={a.when} error={problemAt(t, problems, `${at}.when`)}
                      options={(['day_before_19', 'hours_before'] as const).map((x) => ({ value: x, label: t(`pipelines.actions.whens.${x}`) }))}
                      onChange={(v) => set(k, v === 'hours_before' ? { ...a, when: 'hours_before', hours: a.hours ?? 2 } : { kind: a.kind, templateId: a.templateId, when: 'day_before_19' })} />
                    {a.when === 'hours_before' && (
                      <TextField label={t('pipelines.actions.hours')} inputMode="numeric" value={shown(a.hours)}
                        error={problemAt(t, problems, `${at}.hours`)} onChange={(e) => set(k, { ...a, hours: numberOf(e.target.value) })} />
                    )}
                  </>
                )}
              </div>
              <div className="pipelines__action-remove">
                <Button onClick={() => onChange(actions.filter((_, i) => i !== k))} aria-label={t('pipelines.actions.removeLabel', { n, stage: stageName })}>
                  {t('pipelines.actions.remove')}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button onClick={() => onChange([...actions, fresh('send_template', templates)])} data-testid="entry-action-add"
        aria-label={t('pipelines.actions.addLabel', { stage: stageName })}>
        {t('pipelines.actions.add')}
      </Button>
    </div>
  );
}
