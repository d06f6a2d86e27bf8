-- Why an order was closed as failed: a reason code from core/reasons.ts, given by the role
-- that closed it (the cancellation reports group by it). Null while the order is not failed.
ALTER TABLE orders ADD COLUMN failure_reason text;
