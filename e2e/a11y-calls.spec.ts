// @a11y for the call screens: the incoming-call banner with its screen pop and the in-call
// panel, over a real call (sipp → Kamailio → the Pult softphone), in ru/en × light/dark ×
// 100/200 %. The same checks as e2e/a11y.spec.ts.
import { startSipp } from './telephony/bench.js';
import { comboLabel as label, DISPLAY_COMBOS as COMBOS, expectAccessible, setDisplay } from './support/a11y.js';
import { afterSoftphoneTest, configurePhone, expect, liveCallId, pultPage, test } from './support/telephony.js';

test.describe('@a11y', () => {
  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('incoming call and in-call screens pass the checks in every language, theme and zoom', async ({ browser, stack, tel, sipUser, shot }) => {
    test.setTimeout(240_000);
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('a11y');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });
    await expect(page.getByTestId('phone-status')).toBeVisible();
    for (const combo of COMBOS) {
      await setDisplay(page, combo);
      const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: '+79123456789', calledNumber: '4951234567', holdMs: 20_000 });
      const banner = page.getByTestId('incoming-call');
      await expect(banner).toBeVisible();
      await expect(banner.getByTestId('screen-pop')).toHaveAttribute('data-state', 'found');
      await expectAccessible(page, `incoming call ${label(combo)}`);
      await shot(page, `a11y-incoming-${label(combo)}`);
      await banner.getByTestId('answer').click();
      await liveCallId(page, 'active');
      await expect(page.getByTestId('in-call')).toBeVisible();
      await expectAccessible(page, `in call ${label(combo)}`);
      await shot(page, `a11y-in-call-${label(combo)}`);
      await page.getByTestId('hangup').click();
      await expect(page.getByTestId('in-call')).toHaveCount(0);
      await sipp.result;
    }
    await context.close();
  });
});
