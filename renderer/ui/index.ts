export { Banner, type BannerTone } from './Banner.js';
export { Button, type ButtonProps } from './Button.js';
export { Icon, type IconName } from './Icon.js';
export { ModalDialog, type ModalDialogProps } from './ModalDialog.js';
export { StageBadge, StatusBadge, type Tone } from './StatusBadge.js';
export { TextField, type TextFieldProps } from './TextField.js';
