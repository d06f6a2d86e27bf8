// One money format for screens and customer messages; it lives in core.
export { formatRoubles } from '../../core/money.js';
