// Notification templates with variables, e.g. «Здравствуйте, {{customer.name}}! Заказ
// № {{order.number}}: {{stage.name}}.» Admins write them; unknown variables are refused when
// the template is saved, so a customer never receives «{{custmer.name}}».
import { z } from 'zod';

export const TEMPLATE_VARIABLES = [
  'customer.name',
  'customer.partnerNumber',
  'order.number',
  'order.title',
  'order.amount',
  'order.address',
  'stage.name',
  'company.name',
  'company.phone',
  /** The appointment as the reminder says it: «завтра в 14:00», «сегодня в 14:00», «5 декабря в 14:00». */
  'appointment.when',
  /** The appointment's time of day, «14:00» (site time). */
  'appointment.time',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;

export const NotificationTemplate = z.object({
  id: z.string().min(1).max(64),
  channel: z.enum(['email', 'sms']),
  /** Sent when an order enters this stage of this pipeline. */
  pipelineId: z.string(),
  stageId: z.string(),
  subject: z.string().max(200),
  body: z.string().min(1).max(5000),
});
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

/** Variables a template uses that Pult does not know (empty when the template is fine). */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((v) => !known.has(v)))];
}

/** Fills the placeholders; a known variable without a value becomes an empty string. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (TEMPLATE_VARIABLES as readonly string[]).includes(name) ? (values[name as TemplateVariable] ?? '') : whole,
  );
}
