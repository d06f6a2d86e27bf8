// Session permission policy: deny by default. The softphone needs the microphone (audio only,
// never the camera or screen), incoming calls may raise notifications, copy-to-clipboard is fine.
// Only the app origin may get anything.
import { APP_ORIGIN, isAllowedNavigation } from './navigation-guard.js';

const ALLOWED = new Set(['media', 'notifications', 'clipboard-sanitized-write']);

export interface PermissionQuery {
  permission: string;
  /** URL (request handler) or origin (check handler) of the asking frame. */
  requester: string;
  /** Requested media kinds for 'media'; anything but audio is refused. */
  mediaTypes?: readonly string[];
}

export function isPermissionAllowed(q: PermissionQuery): boolean {
  const fromApp = q.requester === APP_ORIGIN || isAllowedNavigation(q.requester);
  if (!fromApp || !ALLOWED.has(q.permission)) return false;
  if (q.permission === 'media') {
    const kinds = q.mediaTypes ?? [];
    return kinds.length > 0 && kinds.every((k) => k === 'audio');
  }
  return true;
}

/** The slice of Electron's Session used here. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; mediaTypes?: readonly string[] },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { mediaType?: string },
    ) => boolean,
  ): void;
}

export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const q: PermissionQuery = { permission, requester: details.requestingUrl ?? '' };
    if (details.mediaTypes) q.mediaTypes = details.mediaTypes;
    callback(isPermissionAllowed(q));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => {
    const q: PermissionQuery = { permission, requester: requestingOrigin };
    // The check handler asks one kind at a time; 'unknown' is refused like video.
    if (permission === 'media') q.mediaTypes = [details.mediaType ?? 'unknown'];
    return isPermissionAllowed(q);
  });
}
