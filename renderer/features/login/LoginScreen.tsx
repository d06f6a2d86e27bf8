// Sign-in. What the operator typed stays on screen after an error (the password too):
// retyping a long server address or a password at 60 is where people give up.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../../../core/errors.js';
import { errorMessage, fieldMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { useSession } from '../../state/session.js';
import { Banner, Button, TextField } from '../../ui/index.js';
import { loginFieldErrors, type LoginField } from './fieldErrors.js';
import './login.css';

export function LoginScreen({ defaultServerUrl }: { defaultServerUrl: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const login = useSession((s) => s.login);
  const [values, setValues] = useState({ serverUrl: defaultServerUrl, login: '', password: '' });
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const refs = { serverUrl: useRef<HTMLInputElement>(null), login: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  const fieldErrors = loginFieldErrors(error);
  const fieldText = (f: LoginField) => {
    const code = fieldErrors[f];
    return code && error ? fieldMessage(t, code, error) : null;
  };
  // Errors not tied to a field (wrong password, server down) go to the alert area.
  const generalError = error && Object.keys(fieldErrors).length === 0 ? errorMessage(t, error) : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await login(api, values);
    if (r.ok) return; // the app switches to the workspace
    setBusy(false);
    setError(r.error);
    const first = loginFieldErrors(r.error);
    const target = (['serverUrl', 'login', 'password'] as const).find((f) => first[f]);
    if (target) refs[target].current?.focus();
  };

  const update = (f: LoginField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  return (
    <main className="login">
      <form className="login__form" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        <div role="alert" data-testid="login-error" className="login__alert">
          {generalError && <Banner tone="error">{generalError}</Banner>}
        </div>
        <TextField
          ref={refs.serverUrl}
          label={t('login.serverUrl')}
          hint={t('login.serverUrlHint')}
          value={values.serverUrl}
          onChange={update('serverUrl')}
          error={fieldText('serverUrl')}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          data-testid="login-server-url"
        />
        <TextField
          ref={refs.login}
          label={t('login.login')}
          value={values.login}
          onChange={update('login')}
          error={fieldText('login')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          data-testid="login-login"
        />
        <TextField
          ref={refs.password}
          label={t('login.password')}
          value={values.password}
          onChange={update('password')}
          error={fieldText('password')}
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          data-testid="login-password"
          addon={
            <Button onClick={() => setShowPassword((s) => !s)}>
              {showPassword ? t('login.hidePassword') : t('login.showPassword')}
            </Button>
          }
        />
        <Button type="submit" variant="primary" size="large" wide disabled={busy} aria-busy={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </Button>
      </form>
    </main>
  );
}
