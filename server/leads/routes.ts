// POST /api/leads: the public endpoint web forms and landing pages post to, with a source key.
// POST /api/leads/email: inbound email, the raw message as a mail provider's webhook posts it.
import type { FastifyInstance } from 'fastify';
import { PultError } from '../../core/errors.js';
import {
  EMAIL_LEAD_BODY_LIMIT,
  EMAIL_LEAD_CONTENT_TYPES,
  EMAIL_LEADS_PATH,
  LEAD_BODY_LIMIT,
  LEAD_KEY_HEADER,
  LEADS_PATH,
  LeadRequest,
  type LeadResponse,
} from '../../core/leads.js';
import { maskPhone, normalizePhone } from '../../core/phone.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';
import { createLead, findLeadSource } from './create-lead.js';
import { createEmailLead } from './email/create-email-lead.js';

export function registerLeadRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  app.post(LEADS_PATH, { bodyLimit: LEAD_BODY_LIMIT }, async (request, reply): Promise<LeadResponse> => {
    const header = request.headers[LEAD_KEY_HEADER];
    const source = await findLeadSource(db, Array.isArray(header) ? header[0] : header);
    const lead = parseInput(LeadRequest, request.body ?? {});
    const { response, cursor } = await createLead(db, source, lead);
    notifier.publish(cursor);
    const phone = normalizePhone(lead.phone);
    request.log.info({ source: source.id, order: response.orderNumber, phone: phone ? maskPhone(phone) : '?' }, 'lead accepted');
    void reply.status(201);
    return response;
  });

  // Its own scope: the raw-bytes body parsers apply to this route only.
  void app.register(async (mail) => {
    mail.removeContentTypeParser('text/plain');
    mail.addContentTypeParser([...EMAIL_LEAD_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: EMAIL_LEAD_BODY_LIMIT }, (_req, body, done) => done(null, body));
    mail.post(EMAIL_LEADS_PATH, { bodyLimit: EMAIL_LEAD_BODY_LIMIT }, async (request, reply): Promise<LeadResponse> => {
      const header = request.headers[LEAD_KEY_HEADER];
      const source = await findLeadSource(db, Array.isArray(header) ? header[0] : header);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new PultError('lead.bad_message', 'Post the raw message as message/rfc822');
      const { response, cursor } = await createEmailLead(db, source, request.body);
      notifier.publish(cursor);
      request.log.info({ source: source.id, order: response.orderNumber }, 'email lead accepted');
      void reply.status(201);
      return response;
    });
  });
}
