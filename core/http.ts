// The CRM server's HTTP API, as schemas both sides parse.
import { z } from 'zod';
import { Customer, Order, Timestamp, User } from './domain.js';
import { ChangeStageArgs } from './sync.js';
import { CLAIMABLE } from './assignment.js';

export const LoginRequest = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string().min(20),
  user: User,
  expiresAt: Timestamp,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const HealthResponse = z.object({ ok: z.literal(true), version: z.string() });

export const CustomerLookupResponse = z.object({
  customer: Customer.nullable(),
  openOrders: z.array(Order),
});
export type CustomerLookupResponse = z.infer<typeof CustomerLookupResponse>;

/**
 * `POST /api/orders/:id/stage` — the same intent as the `orders.changeStage` mutation, for
 * integrations that are not a Pult client. Without `baseVersion` the order's current version is
 * assumed (no conflict check).
 */
export const ChangeStageRequest = ChangeStageArgs.omit({ orderId: true }).extend({
  baseVersion: ChangeStageArgs.shape.baseVersion.optional(),
});
export type ChangeStageRequest = z.infer<typeof ChangeStageRequest>;

/** `POST /api/claims` takes (or renews) a claim, `DELETE /api/claims` lets it go. */
export const ClaimRequest = z.object({ entity: z.enum(CLAIMABLE), id: z.string().uuid() });
export type ClaimRequest = z.infer<typeof ClaimRequest>;
/** The claim taken; a refused one is a `claim.taken` error whose `fields.holder` names the holder. */
export const ClaimResponse = z.object({
  entity: z.enum(CLAIMABLE),
  id: z.string().uuid(),
  userId: z.string().uuid(),
  holderName: z.string(),
  expiresAt: Timestamp,
});
export type ClaimResponse = z.infer<typeof ClaimResponse>;

/** Paths, so client and server never disagree on a string. */
export const API = {
  health: '/api/health',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  pull: '/api/sync/pull',
  push: '/api/sync/push',
  live: '/api/live',
  customerByPhone: '/api/customers/by-phone',
  /** `${orders}/:id/stage` */
  orders: '/api/orders',
  claims: '/api/claims',
  customerDuplicates: '/api/customers/duplicates',
  customerMerge: '/api/customers/merge',
} as const;
