// Auto-update over electron-updater from the generic server in electron-builder.yml.
// Downloads in the background; installs (restarting the app) only when no call rings or runs
// and the operator has been away for a while, or when they choose it in the tray. Never at
// shutdown: `autoInstallOnAppQuit` is off, so quitting during a shift never starts an installer.

/** Slice of electron-updater's AppUpdater. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateGateDeps {
  updater: UpdaterLike;
  isCallActive(): boolean;
  /** Seconds since the last keyboard/mouse input (powerMonitor.getSystemIdleTime). */
  idleSeconds(): number;
  /** How long the operator must be away before an automatic install. Default 10 min. */
  minIdleSeconds?: number;
  onReady?(version: string): void;
  logger: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export type InstallDecision = 'installing' | 'not_ready' | 'call_active' | 'user_active' | 'shutting_down';

export interface UpdateGate {
  check(): Promise<void>;
  /** Run periodically and when a call ends: installs if everything is quiet. */
  tick(): InstallDecision;
  /** The tray's "restart and update": skips the idle wait, never interrupts a call. */
  installNow(): InstallDecision;
  /** The app is quitting: from now on nothing installs. */
  shutdown(): void;
  readyVersion(): string | null;
}

export function createUpdateGate(deps: UpdateGateDeps): UpdateGate {
  const { updater, logger } = deps;
  const minIdle = deps.minIdleSeconds ?? 600;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  let ready: string | null = null;
  let shuttingDown = false;
  let installing = false;

  updater.on('update-downloaded', (info) => {
    ready = info.version;
    logger.info({ version: info.version }, 'update downloaded; waiting for a quiet moment');
    deps.onReady?.(info.version);
  });
  updater.on('error', (error) => logger.warn({ err: error.message }, 'update check failed'));

  const decide = (needIdle: boolean): InstallDecision => {
    if (shuttingDown || installing) return 'shutting_down';
    if (!ready) return 'not_ready';
    if (deps.isCallActive()) return 'call_active';
    if (needIdle && deps.idleSeconds() < minIdle) return 'user_active';
    return 'installing';
  };
  const act = (needIdle: boolean): InstallDecision => {
    const d = decide(needIdle);
    if (d === 'installing') {
      installing = true;
      logger.info({ version: ready }, 'installing update');
      updater.quitAndInstall(true, true); // silent NSIS, relaunch afterwards
    }
    return d;
  };

  return {
    async check() {
      if (shuttingDown) return;
      try {
        await updater.checkForUpdates();
      } catch (e) {
        logger.warn({ err: String(e) }, 'update check failed');
      }
    },
    tick: () => act(true),
    installNow: () => act(false),
    shutdown() {
      shuttingDown = true;
    },
    readyVersion: () => ready,
  };
}
