// One stage of the pipeline being edited, as a big block: its name, colour, who works it, what
// kind it is, how long an order may stay; where orders may go from it and who may move them;
// what happens when an order arrives. Problems stand beside the field they are about.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Role } from '../../../core/domain.js';
import type { PipelineProblem, TemplateChoice } from '../../../core/pipeline-editor.js';
import { Button, Icon, TextField } from '../../ui/index.js';
import { EntryActionsEditor } from './EntryActionsEditor.js';
import { problemAt } from './problems.js';
import { Select } from './Select.js';
import { moveStage, removeStage, rolesFor, setTransitionRole, type Draft, type DraftStage } from './store.js';

/** Colours with enough contrast for the white stage badge text, named so nobody has to see them. */
export const PALETTE = [
  ['blue', '#2f6fdb'], ['green', '#1e7b45'], ['teal', '#0b7285'], ['purple', '#7b3fc4'],
  ['orange', '#b35c00'], ['red', '#c0392b'], ['brown', '#8d5b2c'], ['grey', '#5f6b76'],
] as const;

export function StageEditor({ draft, index, problems, templates, change }: {
  draft: Draft;
  index: number;
  problems: PipelineProblem[];
  templates: TemplateChoice[];
  change: (update: (d: Draft) => void) => void;
}) {
  const { t } = useTranslation();
  const colorName = useId();
  const stage = draft.stages[index]!;
  const path = `stages.${index}`;
  const label = stage.name.trim() || t('pipelines.stage.unnamed', { n: index + 1 });
  const set = (patch: Partial<DraftStage>) => change((d) => Object.assign(d.stages[index]!, patch));
  const custom = !PALETTE.some(([, hex]) => hex === stage.color.toLowerCase());
  const blockProblems = problems.filter((p) => p.path === path || p.path === `${path}.exits`);

  return (
    <li className="pipelines__stage" data-testid="stage-row" style={{ borderInlineStartColor: /^#[0-9a-f]{6}$/i.test(stage.color) ? stage.color : undefined }}>
      <fieldset className="pipelines__stage-fields">
        <legend>
          <span className="pipelines__stage-number">{t('pipelines.stage.number', { n: index + 1 })}</span> {label}
        </legend>
        <div className="pipelines__grid">
          <TextField label={t('pipelines.stage.name')} value={stage.name} maxLength={100} data-testid="stage-name"
            error={problemAt(t, problems, `${path}.name`)} onChange={(e) => set({ name: e.target.value })} />
          <Select label={t('pipelines.stage.role')} value={stage.role} testId="stage-role"
            options={Role.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))} onChange={(v) => set({ role: Role.parse(v) })} />
          <Select label={t('pipelines.stage.kind')} value={stage.kind} testId="stage-kind" error={problemAt(t, problems, `${path}.kind`)}
            options={(['open', 'success', 'failure'] as const).map((k) => ({ value: k, label: t(`pipelines.stage.kinds.${k}`) }))}
            onChange={(v) => set({ kind: v as DraftStage['kind'] })} />
          <div className="pipelines__sla">
            <TextField label={t('pipelines.stage.sla')} hint={t('pipelines.stage.slaHint')} inputMode="numeric" value={stage.slaText}
              disabled={stage.noSla} error={problemAt(t, problems, `${path}.slaMinutes`)} data-testid="stage-sla"
              onChange={(e) => set({ slaText: e.target.value })} />
            <label className="pipelines__check">
              <input type="checkbox" checked={stage.noSla} onChange={(e) => set({ noSla: e.target.checked })} data-testid="stage-no-sla" />
              <span>{t('pipelines.stage.noSla')}</span>
            </label>
          </div>
        </div>

        <fieldset className="pipelines__colors">
          <legend>{t('pipelines.stage.color')}</legend>
          <div className="pipelines__swatches">
            {PALETTE.map(([name, hex]) => (
              <label key={hex} className="pipelines__swatch">
                <input type="radio" name={colorName} checked={stage.color.toLowerCase() === hex} onChange={() => set({ color: hex })} data-testid={`stage-color-${name}`} />
                <span className="pipelines__swatch-chip" style={{ background: hex }} aria-hidden="true" />
                <span>{t(`pipelines.colors.${name}`)}</span>
              </label>
            ))}
          </div>
          <TextField label={custom ? t('pipelines.stage.customColorOn') : t('pipelines.stage.customColor')} value={stage.color} maxLength={16}
            hint={t('pipelines.stage.customColorHint')} error={problemAt(t, problems, `${path}.color`)} data-testid="stage-color-hex"
            onChange={(e) => set({ color: e.target.value.trim() })} />
        </fieldset>

        {blockProblems.map((p) => (
          <p key={p.code} className="field__error" data-testid="stage-problem">
            <Icon name="error" />
            <span>{t(`pipelines.problems.${p.code}`, { ...p.params })}</span>
          </p>
        ))}

        <details className="pipelines__details" data-testid="stage-exits">
          <summary>{t('pipelines.exits.title', { stage: label })}</summary>
          <p className="pipelines__muted">{t('pipelines.exits.hint')}</p>
          <ul className="pipelines__exits">
            {draft.stages.map((to, j) => {
              if (j === index) return null;
              const roles = rolesFor(draft, stage.id, to.id);
              const toLabel = to.name.trim() || t('pipelines.stage.unnamed', { n: j + 1 });
              return (
                <li key={to.id} data-testid="stage-exit">
                  <fieldset>
                    <legend>{t('pipelines.exits.to', { stage: toLabel })}</legend>
                    <div className="pipelines__roles">
                      {Role.options.map((r) => (
                        <label key={r} className="pipelines__check">
                          <input type="checkbox" checked={roles.includes(r)} data-testid={`exit-${to.id}-${r}`}
                            onChange={(e) => change((d) => setTransitionRole(d, stage.id, to.id, r, e.target.checked))} />
                          <span>{t(`roles.${r}`)}</span>
                        </label>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </details>

        <details className="pipelines__details" data-testid="stage-actions" open={stage.entryActions.length > 0 || undefined}>
          <summary>{t('pipelines.actions.title', { stage: label, count: stage.entryActions.length })}</summary>
          <EntryActionsEditor actions={stage.entryActions} templates={templates} problems={problems} path={path} stageName={label}
            onChange={(next) => set({ entryActions: next })} />
        </details>

        <div className="pipelines__stage-buttons">
          <Button icon="back" className="pipelines__up" disabled={index === 0} data-testid="stage-up"
            aria-label={t('pipelines.stage.upLabel', { stage: label })} onClick={() => change((d) => void moveStage(d, index, -1))}>
            {t('pipelines.stage.up')}
          </Button>
          <Button icon="back" className="pipelines__down" disabled={index === draft.stages.length - 1} data-testid="stage-down"
            aria-label={t('pipelines.stage.downLabel', { stage: label })} onClick={() => change((d) => void moveStage(d, index, 1))}>
            {t('pipelines.stage.down')}
          </Button>
          <Button icon="error" data-testid="stage-delete" aria-label={t('pipelines.stage.deleteLabel', { stage: label })}
            onClick={() => change((d) => void removeStage(d, index))}>
            {t('pipelines.stage.delete')}
          </Button>
        </div>
      </fieldset>
    </li>
  );
}
