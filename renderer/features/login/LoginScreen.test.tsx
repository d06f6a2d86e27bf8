// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../core/errors.js';
import { createI18n } from '../../i18n/index.js';
import { ApiProvider } from '../../platform/ApiContext.js';
import { useSession } from '../../state/session.js';
import { FakeApi } from '../../test/fakeApi.js';
import { session } from '../../test/fixtures.js';
import { LoginScreen } from './LoginScreen.js';

function setup(answer: (input: { login: string; password: string }) => ApiErrorBody | null) {
  const api = new FakeApi().answer('session.login', (input) => {
    const error = answer(input);
    return error ? { ok: false, error } : { ok: true, value: session };
  });
  render(
    <I18nextProvider i18n={createI18n('ru')}>
      <ApiProvider api={api}>
        <LoginScreen defaultServerUrl="http://127.0.0.1:4310" />
      </ApiProvider>
    </I18nextProvider>,
  );
  const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
  return { api, server: field('login-server-url'), login: field('login-login'), password: field('login-password') };
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('login-submit'));
  });
}

describe('LoginScreen', () => {
  afterEach(() => {
    cleanup();
    useSession.setState({ session: null });
  });

  it('prefills the server address and labels every field in Russian', () => {
    const { server } = setup(() => null);
    expect(server.value).toBe('http://127.0.0.1:4310');
    expect(screen.getByLabelText('Адрес сервера')).toBe(server);
    expect(screen.getByLabelText('Логин')).toBeTruthy();
    expect(screen.getByLabelText('Пароль')).toBeTruthy();
    expect(screen.getByTestId('login-submit').textContent).toBe('Войти');
  });

  it('keeps what was typed (password too) after a wrong password and says so in the alert area', async () => {
    const { api, login, password, server } = setup(() => ({ code: 'auth.invalid_credentials', message: 'nope' }));
    fireEvent.change(login, { target: { value: 'ivanova' } });
    fireEvent.change(password, { target: { value: 'секрет123' } });
    await submit();
    expect(api.calls).toEqual([{ method: 'session.login', input: { serverUrl: 'http://127.0.0.1:4310', login: 'ivanova', password: 'секрет123' } }]);
    expect(screen.getByRole('alert').textContent).toBe('Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.');
    expect(screen.getByTestId('login-error').getAttribute('role')).toBe('alert');
    expect(login.value).toBe('ivanova');
    expect(password.value).toBe('секрет123');
    expect(server.value).toBe('http://127.0.0.1:4310');
    expect((screen.getByTestId('login-submit') as HTMLButtonElement).disabled).toBe(false);
    expect(useSession.getState().session).toBeNull();
  });

  it('shows a field error next to its field and ties it with aria-describedby', async () => {
    const { server, login } = setup(() => ({ code: 'server.bad_url', message: 'bad url' }));
    fireEvent.change(server, { target: { value: 'htp:/сервер' } });
    fireEvent.change(login, { target: { value: 'ivanova' } });
    await submit();
    const describedBy = server.getAttribute('aria-describedby') ?? '';
    const texts = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(texts).toContain('Адрес сервера указан неверно. Пример: http://127.0.0.1:4310');
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(server.value).toBe('htp:/сервер');
    expect(login.value).toBe('ivanova');
    expect(document.activeElement).toBe(server);
  });

  it('uses error.fields when the main side names the fields', async () => {
    const { password } = setup(() => ({ code: 'validation', message: 'x', fields: { password: 'auth.empty_password' } }));
    await submit();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Введите пароль.')).toBeTruthy();
  });

  it('submits with Enter and shows «Вход…» while waiting', async () => {
    let release: () => void = () => {};
    const api = new FakeApi().answer('session.login', () => new Promise((r) => (release = () => r({ ok: true, value: session }))));
    render(
      <I18nextProvider i18n={createI18n('ru')}>
        <ApiProvider api={api}>
          <LoginScreen defaultServerUrl="http://127.0.0.1:4310" />
        </ApiProvider>
      </I18nextProvider>,
    );
    const login = screen.getByTestId('login-login');
    fireEvent.change(login, { target: { value: 'ivanova' } });
    await act(async () => {
      fireEvent.submit(login.closest('form') as HTMLFormElement);
    });
    const button = screen.getByTestId('login-submit') as HTMLButtonElement;
    expect(button.textContent).toBe('Вход…');
    expect(button.disabled).toBe(true);
    await act(async () => release());
    expect(useSession.getState().session).toEqual(session);
  });
});
