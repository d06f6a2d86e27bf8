// «Настройки телефона»: servers, SIP account, password (kept by the main side), STUN/TURN,
// dial rules and audio devices. Problems are shown beside their field; nothing typed is lost.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canMonitor } from '../../../core/monitor.js';
import { SoftphoneAccountInput, type SoftphoneAccountInput as AccountInput } from '../../../core/softphone.js';
import { useSession } from '../../state/session.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button, TextField } from '../../ui/index.js';
import { useSoftphone, type Devices } from './store.js';

type MonitorField = 'monitorListen' | 'monitorWhisper' | 'monitorBarge';
type Field = 'servers' | 'sipUri' | 'iceServers' | 'outboundPrefix' | MonitorField;
const MONITOR_FIELD = { listen: 'monitorListen', whisper: 'monitorWhisper', barge: 'monitorBarge' } as const;

function lines(s: string): string[] {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export function SoftphoneSettings({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { account, saveAccount, saveError, devices, setDevices } = useSoftphone();
  const [servers, setServers] = useState(account?.servers.join('\n') ?? '');
  const [sipUri, setSipUri] = useState(account?.sipUri ?? '');
  const [authUser, setAuthUser] = useState(account?.authUser ?? '');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [ice, setIce] = useState(account?.iceServers.map((s) => s.urls).join('\n') ?? '');
  const [national, setNational] = useState<'plus7' | '8' | '7'>(account?.dialRules.national ?? '8');
  const [prefix, setPrefix] = useState(account?.dialRules.outboundPrefix ?? '');
  // PBX feature codes for call monitoring: only supervisors and admins see and set them.
  const mayMonitor = useSession((s) => (s.session ? canMonitor(s.session.user.role) : false));
  const [codes, setCodes] = useState({
    listen: account?.monitorDialStrings?.listen ?? '',
    whisper: account?.monitorDialStrings?.whisper ?? '',
    barge: account?.monitorDialStrings?.barge ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [devs, setDevs] = useState<MediaDeviceInfo[]>([]);

  useEffect(() => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then(setDevs)
      .catch(() => setDevs([]));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const input: AccountInput = {
      enabled: true,
      servers: lines(servers),
      sipUri,
      authUser,
      displayName,
      iceServers: lines(ice).map((urls) => ({ urls })),
      dialRules: { national, international: account?.dialRules.international ?? '810', outboundPrefix: prefix, maxExtensionLength: 6 },
      ...(codes.listen || codes.whisper || codes.barge ? { monitorDialStrings: codes } : {}),
    };
    const parsed = SoftphoneAccountInput.safeParse(input);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const i of parsed.error.issues) {
        const top = String(i.path[0] ?? '');
        const field: Field | null =
          top === 'servers' ? 'servers' : top === 'sipUri' ? 'sipUri' : top === 'iceServers' ? 'iceServers' : top === 'dialRules' ? 'outboundPrefix'
          : top === 'monitorDialStrings' ? MONITOR_FIELD[String(i.path[1]) as keyof typeof MONITOR_FIELD] ?? null : null;
        if (field && !next[field]) next[field] = t(field.startsWith('monitor') ? 'softphone.settings.errors.monitorCode' : `softphone.settings.errors.${field}`);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    const ok = await saveAccount(api, parsed.data, password === '' ? undefined : password);
    setBusy(false);
    if (ok) {
      setPassword('');
      setSaved(true);
    }
  };

  const deviceSelect = (kind: 'audioinput' | 'audiooutput', key: keyof Devices, label: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`dev-${key}`}>
        {label}
      </label>
      <select
        id={`dev-${key}`}
        className="field__input"
        value={devices[key] ?? ''}
        onChange={(e) => void setDevices({ ...devices, [key]: e.target.value || null })}
        data-testid={`device-${key}`}
      >
        <option value="">{t('softphone.settings.deviceDefault')}</option>
        {devs
          .filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== '')
          .map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || `${label} ${i + 1}`}
            </option>
          ))}
      </select>
    </div>
  );

  return (
    <section className="phone-settings" data-testid="phone-settings" aria-labelledby="phone-settings-title">
      <Button icon="back" onClick={onClose} data-testid="phone-settings-close">
        {t('order.back')}
      </Button>
      <h2 id="phone-settings-title">{t('softphone.settings.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="ps-servers">
            {t('softphone.settings.servers')}
          </label>
          <textarea
            id="ps-servers"
            className="field__input"
            rows={2}
            value={servers}
            onChange={(e) => setServers(e.target.value)}
            aria-invalid={errors.servers ? true : undefined}
            data-testid="ps-servers"
          />
          {errors.servers && <p className="field__error">{errors.servers}</p>}
          <p className="field__hint">{t('softphone.settings.serversHint')}</p>
        </div>
        <TextField label={t('softphone.settings.sipUri')} hint={t('softphone.settings.sipUriHint')} value={sipUri} error={errors.sipUri ?? null} onChange={(e) => setSipUri(e.target.value)} data-testid="ps-sip-uri" />
        <TextField label={t('softphone.settings.authUser')} hint={t('softphone.settings.authUserHint')} value={authUser} onChange={(e) => setAuthUser(e.target.value)} data-testid="ps-auth-user" />
        <TextField
          label={t('softphone.settings.password')}
          hint={account?.hasPassword ? t('softphone.settings.passwordKept') : t('softphone.settings.passwordHint')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="ps-password"
        />
        <TextField label={t('softphone.settings.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="ps-display-name" />
        <TextField label={t('softphone.settings.ice')} hint={t('softphone.settings.iceHint')} value={ice} error={errors.iceServers ?? null} onChange={(e) => setIce(e.target.value)} data-testid="ps-ice" />
        <div className="field">
          <label className="field__label" htmlFor="ps-national">
            {t('softphone.settings.national')}
          </label>
          <select id="ps-national" className="field__input" value={national} onChange={(e) => setNational(e.target.value as 'plus7' | '8' | '7')} data-testid="ps-national">
            <option value="8">{t('softphone.settings.national8')}</option>
            <option value="plus7">{t('softphone.settings.nationalPlus7')}</option>
            <option value="7">{t('softphone.settings.national7')}</option>
          </select>
        </div>
        <TextField label={t('softphone.settings.prefix')} hint={t('softphone.settings.prefixHint')} value={prefix} error={errors.outboundPrefix ?? null} inputMode="numeric" onChange={(e) => setPrefix(e.target.value)} data-testid="ps-prefix" />
        {mayMonitor && (
          <fieldset className="phone-settings__codes">
            <legend>{t('softphone.settings.monitorCodes')}</legend>
            <p className="field__hint">{t('softphone.settings.monitorCodesHint')}</p>
            {(['listen', 'whisper', 'barge'] as const).map((mode) => (
              <TextField
                key={mode}
                label={t(`monitor.mode.${mode}`)}
                value={codes[mode]}
                error={errors[MONITOR_FIELD[mode]] ?? null}
                onChange={(e) => setCodes({ ...codes, [mode]: e.target.value })}
                data-testid={`ps-monitor-${mode}`}
              />
            ))}
          </fieldset>
        )}
        <h3>{t('softphone.settings.devices')}</h3>
        {deviceSelect('audioinput', 'mic', t('softphone.settings.mic'))}
        {deviceSelect('audiooutput', 'speaker', t('softphone.settings.speaker'))}
        {deviceSelect('audiooutput', 'ringer', t('softphone.settings.ringer'))}
        <div role="alert">{saveError && <Banner tone="error">{errorMessage(t, saveError)}</Banner>}</div>
        <div role="status">{saved && <Banner tone="ok" data-testid="ps-saved">{t('softphone.settings.saved')}</Banner>}</div>
        <Button type="submit" variant="primary" size="large" wide disabled={busy} data-testid="ps-save">
          {busy ? t('softphone.settings.saving') : t('softphone.settings.save')}
        </Button>
      </form>
    </section>
  );
}
