import { describe, expect, it } from 'vitest';
import { CustomerLookupResponse } from '../../core/http.js';
import { DEMO_CUSTOMER_ANNA } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

describe.each(DB_KINDS)('customer lookup on %s', (kind) => {
  const h = useServer(kind);

  it.each(['+79123456789', '8 (912) 345-67-89', '79123456789', '9123456789', '+7 912 345 67 89'])(
    'finds Анна Соколова by %s with her open orders only',
    async (phone) => {
      const token = await h.login('operator');
      const res = await h.get(`/api/customers/by-phone?phone=${encodeURIComponent(phone)}`, token);
      expect(res.statusCode).toBe(200);
      const body = CustomerLookupResponse.parse(res.json());
      expect(body.customer).toMatchObject({ id: DEMO_CUSTOMER_ANNA.id, name: 'Анна Соколова', phone: '+79123456789' });
      expect(body.openOrders.map((o) => o.number)).toEqual(['П-1001']);
    },
  );

  it('answers an unknown or unparseable number with no customer', async () => {
    const token = await h.login('operator');
    for (const phone of ['+79990000000', '101']) {
      const body = CustomerLookupResponse.parse((await h.get(`/api/customers/by-phone?phone=${phone}`, token)).json());
      expect(body).toEqual({ customer: null, openOrders: [] });
    }
    expect((await h.get('/api/customers/by-phone', token)).statusCode).toBe(400);
  });
});
