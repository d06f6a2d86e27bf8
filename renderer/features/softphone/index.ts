// The softphone feature. The rest of the app imports from here, never from sip.js.
export { CallArea } from './CallArea.js';
export { DialPad } from './DialPad.js';
export { PhoneButton } from './PhoneButton.js';
export { PhoneStatus } from './PhoneStatus.js';
export { SoftphoneSettings } from './SoftphoneSettings.js';
export { useSoftphoneLifecycle } from './SoftphoneLayer.js';
export { useSoftphone } from './store.js';
export type { CallView } from './engine.js';
