// «Воронки» for admins: the pipelines, and one of them open for editing. Problems are worded
// beside their fields as the admin types and listed again above «Сохранить»; a refusal keeps
// every edit; someone else's save meanwhile is said plainly, with a way to load theirs.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validatePipeline } from '../../../core/pipeline-editor.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button, StageBadge, TextField } from '../../ui/index.js';
import { problemAt, problemText } from './problems.js';
import { Select } from './Select.js';
import { StageEditor } from './StageEditor.js';
import { addStage, toEditable, usePipelines } from './store.js';
import './pipelines.css';

export function PipelinesScreen({ onBack }: { onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const { pipelines, templates, loading, loadError, draft, save, load, edit, copy, change, discard, submit, reload, close } = usePipelines();
  const [copyFrom, setCopyFrom] = useState('');
  const [copyName, setCopyName] = useState('');
  const [copyError, setCopyError] = useState<string | null>(null);

  useEffect(() => {
    void load(api);
    return () => usePipelines.getState().close();
  }, [api]);
  // Opening a pipeline (or going back to the list) starts at the top, the keyboard on the title.
  const draftId = draft?.id ?? null;
  useEffect(() => {
    window.scrollTo(0, 0);
    document.getElementById('pipelines-title')?.focus();
  }, [draftId]);

  if (!draft) {
    const startCopy = (e: FormEvent) => {
      e.preventDefault();
      const from = copyFrom || pipelines[0]?.id;
      if (!copyName.trim()) return setCopyError(t('pipelines.problems.pipeline.name_empty'));
      if (from) copy(from, copyName.trim());
    };
    return (
      <section className="pipelines" aria-labelledby="pipelines-title" data-testid="pipelines-screen">
        <div className="pipelines__head">
          {onBack && (
            <Button icon="back" onClick={onBack}>
              {t('pipelines.back')}
            </Button>
          )}
          <h2 id="pipelines-title" tabIndex={-1}>{t('pipelines.title')}</h2>
        </div>
        <p className="pipelines__muted">{t('pipelines.intro')}</p>
        {loadError && (
          <Banner tone="error" role="alert">
            {errorMessage(t, loadError)}
          </Banner>
        )}
        {loading && pipelines.length === 0 && <p role="status">{t('app.loading')}</p>}
        <ul className="pipelines__list">
          {pipelines.map((p) => (
            <li key={p.id} className="pipelines__list-item" data-testid="pipeline-item">
              <div>
                <h3>{p.name}</h3>
                <p className="pipelines__stages-line">
                  {p.stages.map((s) => (
                    <StageBadge key={s.id} name={s.name} stageColor={s.color} />
                  ))}
                </p>
              </div>
              <Button variant="primary" size="large" onClick={() => edit(p.id)} data-testid="pipeline-edit" aria-label={t('pipelines.editLabel', { name: p.name })}>
                {t('pipelines.edit')}
              </Button>
            </li>
          ))}
        </ul>
        {pipelines.length > 0 && (
          <form className="pipelines__copy" onSubmit={startCopy} noValidate>
            <fieldset>
              <legend>{t('pipelines.copy.title')}</legend>
              <div className="pipelines__grid">
                <Select label={t('pipelines.copy.from')} value={copyFrom || (pipelines[0]?.id ?? '')} onChange={setCopyFrom}
                  options={pipelines.map((p) => ({ value: p.id, label: p.name }))} />
                <TextField label={t('pipelines.copy.name')} value={copyName} maxLength={100} error={copyError}
                  onChange={(e) => {
                    setCopyName(e.target.value);
                    setCopyError(null);
                  }} />
              </div>
              <Button type="submit">{t('pipelines.copy.start')}</Button>
            </fieldset>
          </form>
        )}
      </section>
    );
  }

  const problems = save.state === 'refused' ? mergeProblems(validatePipeline(toEditable(draft)), save.problems) : validatePipeline(toEditable(draft));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(api);
  };

  return (
    <section className="pipelines" aria-labelledby="pipelines-title" data-testid="pipeline-editor">
      <div className="pipelines__head">
        <Button icon="back" onClick={close} data-testid="pipeline-close">
          {t('pipelines.toList')}
        </Button>
        <h2 id="pipelines-title" tabIndex={-1}>{draft.isNew ? t('pipelines.newTitle') : t('pipelines.editTitle', { name: draft.name })}</h2>
      </div>
      <form onSubmit={onSubmit} noValidate className="pipelines__form">
        <TextField label={t('pipelines.name')} value={draft.name} maxLength={100} error={problemAt(t, problems, 'name')}
          onChange={(e) => change((d) => void (d.name = e.target.value))} data-testid="pipeline-name" />

        <h3 className="pipelines__section">{t('pipelines.stagesTitle')}</h3>
        <p className="pipelines__muted">{t('pipelines.stagesHint')}</p>
        {problems.filter((p) => p.path === 'stages').map((p) => (
          <Banner key={`${p.code}-${String(p.params?.stage ?? '')}`} tone="error" data-testid="pipeline-problem">
            {problemText(t, p)}
          </Banner>
        ))}
        <ol className="pipelines__stages">
          {draft.stages.map((s, i) => (
            <StageEditor key={s.id} draft={draft} index={i} problems={problems} templates={templates} change={change} />
          ))}
        </ol>
        <Button onClick={() => change((d) => addStage(d, ''))} data-testid="stage-add">
          {t('pipelines.stage.add')}
        </Button>

        <div className="pipelines__footer">
          <div aria-live="polite" data-testid="pipeline-save-status">
            {save.state === 'saving' && <p>{t('pipelines.saving')}</p>}
            {save.state === 'saved' && (
              <Banner tone="ok" data-testid="pipeline-saved">
                {t('pipelines.saved')}
              </Banner>
            )}
          </div>
          {save.state === 'refused' && (
            <Banner tone="error" role="alert" data-testid="pipeline-refused">
              <p>{t('pipelines.refused', { count: problems.length })}</p>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>{problemText(t, p)}</li>
                ))}
              </ul>
            </Banner>
          )}
          {save.state === 'conflict' && (
            <Banner tone="warn" role="alert" data-testid="pipeline-conflict">
              <p>{t('pipelines.conflict')}</p>
              <Button onClick={() => void reload(api)} data-testid="pipeline-reload">
                {t('pipelines.reload')}
              </Button>
            </Banner>
          )}
          {save.state === 'error' && (
            <Banner tone="error" role="alert">
              {errorMessage(t, save.error)}
            </Banner>
          )}
          <div className="pipelines__footer-buttons">
            <Button type="submit" variant="primary" size="large" icon="check" disabled={save.state === 'saving'} data-testid="pipeline-save">
              {t('pipelines.save')}
            </Button>
            <Button size="large" onClick={discard} data-testid="pipeline-discard">
              {t('pipelines.discard')}
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}

/** The server's own findings (a stage that still has orders) join the ones the editor sees. */
function mergeProblems<T extends { code: string; path: string }>(mine: T[], server: T[]): T[] {
  const key = (p: T) => `${p.code}@${p.path}`;
  const seen = new Set(mine.map(key));
  return [...mine, ...server.filter((p) => !seen.has(key(p)))];
}
