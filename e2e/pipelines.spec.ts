// @orders @admin: the admin's pipeline editor through the real browser-mode bridge and CRM
// server. An admin renames a stage and adds one with a colour, a time limit and a move for
// operators; an operator signed in on the other desktop sees the new stage button on an order
// of that pipeline without reloading. An invalid edit is explained and not saved. Operators
// have no «Воронки» and the server refuses them. The store pipeline is edited: no other spec
// relies on its stage names. @a11y: the editor passes the checks in every display combination.
import type { Page } from '@playwright/test';
import { ADMIN_PIPELINES_PATH, AdminPipelines } from '../core/pipeline-editor.js';
import { DISPLAY_COMBOS, comboLabel, expectAccessible, setDisplay } from './support/a11y.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';

const STORE_ORDER = 'Фары светодиодные Toyota Camry V70'; // the operator's store order, in «Новая»

async function openEditor(page: Page, pipelineName: string): Promise<void> {
  await page.getByTestId('nav-pipelines').click();
  await expect(page.getByTestId('pipelines-screen')).toBeVisible();
  await page.getByRole('button', { name: `Изменить воронку «${pipelineName}»` }).click();
  await expect(page.getByTestId('pipeline-editor')).toBeVisible();
}

async function tokenOf(request: import('@playwright/test').APIRequestContext, serverUrl: string, login: string): Promise<string> {
  const res = await request.post(`${serverUrl}/api/auth/login`, { data: { login, password: 'demo' } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

test.describe('@orders @admin pipeline editor', () => {
  test('an admin edits the store pipeline; an operator sees the new stage live', async ({ browser, stack, shot }) => {
    const adminCtx = await browser.newContext();
    const operatorCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    const operator = await operatorCtx.newPage();

    // The operator has the store order open on the other desktop.
    await openLoggedOut(operator, stack.appB);
    await login(operator, stack.appB, 'operator');
    await expect(operator.getByTestId('nav-pipelines')).toHaveCount(0);
    await operator.getByTestId('order-row').filter({ hasText: STORE_ORDER }).click();
    await expect(operator.getByTestId('order-stage')).toHaveText('Новая');
    await expect(operator.locator('[data-testid="stage-button"][data-stage-id="no_answer"]')).toBeVisible();
    await expect(operator.getByRole('button', { name: 'Проверка оплаты' })).toHaveCount(0);

    await openLoggedOut(admin, stack.appA);
    await login(admin, stack.appA, 'admin');
    await admin.getByTestId('nav-pipelines').click();
    await expect(admin.getByTestId('pipeline-item')).toHaveCount(3);
    await shot(admin, 'pipelines-list');
    await openEditor(admin, 'Интернет-магазин');
    await shot(admin, 'pipelines-editor');

    const stages = admin.getByTestId('stage-row');
    await expect(stages).toHaveCount(9);
    // Rename the first stage.
    await stages.nth(0).getByTestId('stage-name').fill('Новая заявка');
    // A new stage at the end: name, a colour from the palette, a time limit.
    await admin.getByTestId('stage-add').click();
    await expect(stages).toHaveCount(10);
    const added = stages.nth(9);
    // Until it has a name and a way in, the editor says so beside it.
    await expect(added.getByText('Впишите название этапа № 10.')).toBeVisible();
    await added.getByTestId('stage-name').fill('Проверка оплаты');
    await expect(added.getByText('На этап «Проверка оплаты» нельзя попасть с первого этапа')).toBeVisible();
    await added.getByTestId('stage-color-green').check();
    await added.getByTestId('stage-no-sla').uncheck();
    await added.getByTestId('stage-sla').fill('4S');
    await expect(added.getByText('Срок этапа «Проверка оплаты» — целое число минут')).toBeVisible();
    await added.getByTestId('stage-sla').fill('45');
    await expect(added.getByText('Срок этапа «Проверка оплаты» — целое число минут')).toHaveCount(0);
    await added.scrollIntoViewIfNeeded();
    await shot(admin, 'pipelines-new-stage');
    // Operators may move an order from «Новая заявка» to it.
    const first = stages.nth(0);
    await first.getByTestId('stage-exits').locator('summary').click();
    await first.getByRole('group', { name: 'На этап «Проверка оплаты»' }).getByRole('checkbox', { name: 'Оператор' }).check();
    await expect(added.getByText('нельзя попасть с первого этапа')).toHaveCount(0);
    await first.getByTestId('stage-exits').scrollIntoViewIfNeeded();
    await shot(admin, 'pipelines-exits');

    await admin.getByTestId('pipeline-save').click();
    await expect(admin.getByTestId('pipeline-saved')).toBeVisible();
    await admin.getByTestId('pipeline-saved').scrollIntoViewIfNeeded();
    await shot(admin, 'pipelines-saved');

    // Live on the operator's desktop: no reload, the card follows.
    await expect(operator.getByTestId('order-stage')).toHaveText('Новая заявка');
    const newButton = operator.getByRole('button', { name: 'Проверка оплаты' });
    await expect(newButton).toBeVisible();
    await newButton.scrollIntoViewIfNeeded();
    await shot(operator, 'pipelines-operator-sees-new-stage');
    await newButton.click();
    await expect(operator.getByTestId('order-stage')).toHaveText('Проверка оплаты');

    await adminCtx.close();
    await operatorCtx.close();
  });

  test('deleting the only success stage is explained and not saved', async ({ page, stack, request, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'admin');
    await openEditor(page, 'Интернет-магазин');
    const success = page.getByTestId('stage-row').nth(7);
    await expect(success.getByTestId('stage-name')).toHaveValue('Успешно');
    await success.getByTestId('stage-delete').click();
    const problem = 'Нужен этап «Конец: успешно» — иначе заказ нельзя завершить успешно.';
    // Said before saving, near the stages…
    await expect(page.getByTestId('pipeline-problem')).toHaveText(problem);
    await page.getByTestId('pipeline-problem').scrollIntoViewIfNeeded();
    await shot(page, 'pipelines-problem');
    // …and again on saving, with every edit kept.
    await page.getByTestId('stage-row').nth(0).getByTestId('stage-name').fill('Новая заявка (правка)');
    await page.getByTestId('pipeline-save').click();
    await expect(page.getByTestId('pipeline-refused')).toContainText('Воронку нельзя сохранить: исправьте 1 замечание.');
    await expect(page.getByTestId('pipeline-refused')).toContainText(problem);
    await expect(page.getByTestId('stage-row').nth(0).getByTestId('stage-name')).toHaveValue('Новая заявка (правка)');
    await page.getByTestId('pipeline-refused').scrollIntoViewIfNeeded();
    await shot(page, 'pipelines-refused');

    const token = await tokenOf(request, stack.serverUrl, 'admin');
    const res = await request.get(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}`, { headers: { authorization: `Bearer ${token}` } });
    const store = AdminPipelines.parse(await res.json()).pipelines.find((p) => p.id === 'store');
    expect(store?.stages.some((s) => s.kind === 'success')).toBe(true);
    expect(store?.stages[0]?.name).not.toBe('Новая заявка (правка)');

    // «Отменить изменения» brings back what is saved.
    await page.getByTestId('pipeline-discard').click();
    await expect(page.getByTestId('stage-row').nth(0).getByTestId('stage-name')).toHaveValue(store?.stages[0]?.name ?? '');
    await expect(page.getByTestId('pipeline-problem')).toHaveCount(0);
  });

  test('someone else saving meanwhile is said plainly; the newer version can be loaded', async ({ page, stack, request, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'admin');
    await openEditor(page, 'Запись на сервис');
    await page.getByTestId('stage-row').nth(0).getByTestId('stage-name').fill('Заявка (моя правка)');

    // Another admin saves the same pipeline first.
    const token = await tokenOf(request, stack.serverUrl, 'admin');
    const auth = { authorization: `Bearer ${token}` };
    const service = AdminPipelines.parse(await (await request.get(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}`, { headers: auth })).json()).pipelines.find((p) => p.id === 'service')!;
    const theirs = { ...service, stages: service.stages.map((s, i) => (i === 1 ? { ...s, name: 'Не дозвонились' } : s)) };
    const res = await request.put(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}/service`, { headers: auth, data: { pipeline: theirs, baseUpdatedAt: service.updatedAt } });
    expect(res.status()).toBe(200);

    await page.getByTestId('pipeline-save').click();
    await expect(page.getByTestId('pipeline-conflict')).toContainText('Пока вы правили, эту воронку сохранил кто-то другой.');
    // Nothing typed is lost until the admin chooses to load the newer version.
    await expect(page.getByTestId('stage-row').nth(0).getByTestId('stage-name')).toHaveValue('Заявка (моя правка)');
    await page.getByTestId('pipeline-conflict').scrollIntoViewIfNeeded();
    await shot(page, 'pipelines-conflict');
    await page.getByTestId('pipeline-reload').click();
    await expect(page.getByTestId('stage-row').nth(1).getByTestId('stage-name')).toHaveValue('Не дозвонились');
    await expect(page.getByTestId('stage-row').nth(0).getByTestId('stage-name')).toHaveValue('Заявка');
    await expect(page.getByTestId('pipeline-conflict')).toHaveCount(0);

    // The stack is shared with other specs: put the service pipeline back as it was.
    const now = AdminPipelines.parse(await (await request.get(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}`, { headers: auth })).json()).pipelines.find((p) => p.id === 'service')!;
    const back = await request.put(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}/service`, { headers: auth, data: { pipeline: service, baseUpdatedAt: now.updatedAt } });
    expect(back.status()).toBe(200);
  });

  test('operators have no «Воронки», and the server refuses their save', async ({ page, stack, request }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator');
    await expect(page.getByTestId('nav-reports')).toHaveCount(0);
    await expect(page.getByTestId('nav-pipelines')).toHaveCount(0);

    const adminToken = await tokenOf(request, stack.serverUrl, 'admin');
    const list = AdminPipelines.parse(await (await request.get(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}`, { headers: { authorization: `Bearer ${adminToken}` } })).json());
    const store = list.pipelines.find((p) => p.id === 'store')!;
    const token = await tokenOf(request, stack.serverUrl, 'operator');
    const res = await request.put(`${stack.serverUrl}${ADMIN_PIPELINES_PATH}/store`, {
      headers: { authorization: `Bearer ${token}` },
      data: { pipeline: { ...store, name: 'Чужая правка' }, baseUpdatedAt: store.updatedAt },
    });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
  });

  for (const combo of DISPLAY_COMBOS) {
    test(`@a11y the pipeline editor passes the checks — ${comboLabel(combo)}`, async ({ browser, stack, shot }) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openLoggedOut(page, stack.appA);
      await login(page, stack.appA, 'admin');
      await setDisplay(page, combo);
      await page.getByTestId('nav-pipelines').click();
      await expect(page.getByTestId('pipeline-item')).toHaveCount(3);
      await expectAccessible(page, `pipelines list ${comboLabel(combo)}`);
      await shot(page, `a11y-pipelines-list-${comboLabel(combo)}`);
      await page.getByTestId('pipeline-edit').first().click();
      await expect(page.getByTestId('pipeline-editor')).toBeVisible();
      // The first stage's moves and entry actions open, with one action of each kind.
      const first = page.getByTestId('stage-row').nth(0);
      await first.getByTestId('stage-exits').locator('summary').click();
      const actions = first.getByTestId('stage-actions');
      if (!(await actions.getAttribute('open'))) await actions.locator('summary').click();
      for (const kind of ['send_template', 'create_task', 'schedule_reminder']) {
        await first.getByTestId('entry-action-add').click();
        await first.getByTestId('entry-action-kind').last().selectOption(kind);
      }
      await expectAccessible(page, `pipeline editor ${comboLabel(combo)}`);
      await shot(page, `a11y-pipelines-editor-${comboLabel(combo)}`);
      await first.getByTestId('entry-action').last().scrollIntoViewIfNeeded();
      await shot(page, `a11y-pipelines-actions-${comboLabel(combo)}`);
      await page.getByTestId('pipeline-discard').click();
      await page.getByTestId('logout').click();
      await context.close();
    });
  }
});
