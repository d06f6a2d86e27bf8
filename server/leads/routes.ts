// POST /api/leads: the public endpoint web forms and landing pages post to, with a source key.
import type { FastifyInstance } from 'fastify';
import { LEAD_BODY_LIMIT, LEAD_KEY_HEADER, LEADS_PATH, LeadRequest, type LeadResponse } from '../../core/leads.js';
import { maskPhone, normalizePhone } from '../../core/phone.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';
import { createLead, findLeadSource } from './create-lead.js';

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
}
