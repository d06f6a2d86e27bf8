// Who sees and may do what. Written once for the server (enforcement) and the client (views).
import type { Role } from './domain.js';

/** Who takes claims («Звонит Ирина»): the people who call customers. Technicians do not. */
export function mayClaim(role: Role): boolean {
  return role !== 'technician';
}

/** Field staff work their own orders; supervisors and admins watch every order. */
export function defaultOrderScope(role: Role): 'mine' | 'all' {
  return role === 'operator' || role === 'technician' ? 'mine' : 'all';
}
