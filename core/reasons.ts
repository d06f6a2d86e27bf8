// Why an order failed, by who closes it (domain.md, case 002): the operator gives customer
// reasons, the admin technical ones, the technician/courier delivery ones. Stored on the order
// for the cancellation reports.
import { z } from 'zod';
import type { Pipeline, Role } from './domain.js';
import { PultError } from './errors.js';
import { assertTransition, findStage } from './pipeline.js';

export const FailureReason = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  name: z.string(),
  /** The roles that give this reason. Supervisors may give any. */
  roles: z.array(z.enum(['operator', 'technician', 'admin'])).min(1),
});
export type FailureReason = z.infer<typeof FailureReason>;

export const FAILURE_REASONS: readonly FailureReason[] = [
  { code: 'customer_refused', name: 'Клиент передумал', roles: ['operator'] },
  { code: 'too_expensive', name: 'Дорого', roles: ['operator'] },
  { code: 'bought_elsewhere', name: 'Купил в другом месте', roles: ['operator'] },
  { code: 'unreachable', name: 'Не дозвонились за 3 дня', roles: ['operator'] },
  { code: 'duplicate', name: 'Дубль заказа', roles: ['operator', 'admin'] },
  { code: 'out_of_stock', name: 'Нет на складе', roles: ['admin'] },
  { code: 'key_item_missing', name: 'Нет ключевого товара', roles: ['admin'] },
  { code: 'price_error', name: 'Ошибка в цене', roles: ['admin'] },
  { code: 'door_not_opened', name: 'Клиент не открыл дверь', roles: ['technician'] },
  { code: 'refused_on_delivery', name: 'Отказ при получении', roles: ['technician'] },
  { code: 'cannot_install', name: 'Установка невозможна на месте', roles: ['technician'] },
  { code: 'damaged_in_transit', name: 'Повреждён при доставке', roles: ['technician'] },
];

/** The reasons a role may give when it closes an order as failed. */
export function reasonsFor(role: Role): FailureReason[] {
  if (role === 'supervisor') return [...FAILURE_REASONS];
  return FAILURE_REASONS.filter((r) => (r.roles as readonly string[]).includes(role));
}

/**
 * A move to a failure stage needs a reason from the role's own list; other moves take none.
 * Returns the reason code to store (null for non-failure moves).
 */
export function checkFailureReason(pipeline: Pipeline, toStageId: string, role: Role, reason: string | null | undefined): string | null {
  const target = findStage(pipeline, toStageId);
  if (target?.kind !== 'failure') return null;
  if (!reason) throw new PultError('reason.required', `Closing as ${toStageId} needs a reason`);
  if (!reasonsFor(role).some((r) => r.code === reason)) {
    throw new PultError('reason.not_allowed', `Reason ${reason} is not one the ${role} role gives`);
  }
  return reason;
}

/** True when moving an order to `stageId` closes it as failed (and so needs a reason). */
export function isFailureStage(pipeline: Pipeline, stageId: string): boolean {
  return findStage(pipeline, stageId)?.kind === 'failure';
}

/** The reason with this code, or undefined for an unknown code. */
export function findReason(code: string): FailureReason | undefined {
  return FAILURE_REASONS.find((r) => r.code === code);
}

/**
 * The whole stage-change rule, as the server enforces it and the client applies it offline:
 * the role may make the move, and a failed close carries a reason from the role's list.
 * Returns the reason code to store on the order (null unless the move is a failed close).
 */
export function checkStageChange(pipeline: Pipeline, from: string, to: string, role: Role, reason: string | null | undefined): string | null {
  assertTransition(pipeline, from, to, role);
  return checkFailureReason(pipeline, to, role, reason);
}
