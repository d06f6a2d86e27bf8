import { describe, expect, it } from 'vitest';
import { nameSpellings, planCustomerSearch } from './customer-search.js';

describe('customer search plan', () => {
  it('reads a phone in any usual form as an E.164 prefix', () => {
    expect(planCustomerSearch('8 912 345').phonePrefix).toBe('+7912345');
    expect(planCustomerSearch('+7 (912) 34').phonePrefix).toBe('+791234');
    expect(planCustomerSearch('912-34').phonePrefix).toBe('+791234');
    expect(planCustomerSearch('7912').phonePrefix).toBe('+7912');
    expect(planCustomerSearch('+375 29').phonePrefix).toBe('+37529');
  });

  it('needs three digits or two letters before it searches', () => {
    expect(planCustomerSearch('91')).toEqual({ phonePrefix: null, words: [] });
    expect(planCustomerSearch('   ')).toEqual({ phonePrefix: null, words: [] });
    expect(planCustomerSearch('а')).toEqual({ phonePrefix: null, words: [] });
  });

  it('reads letters as lower-case name words, without LIKE wildcards', () => {
    expect(planCustomerSearch('  СОКОЛОВА анна ')).toEqual({ phonePrefix: null, words: ['соколова', 'анна'] });
    expect(planCustomerSearch('50%_ann')).toEqual({ phonePrefix: null, words: ['50ann'] });
  });

  it('tries a name word as typed and capitalized', () => {
    expect(nameSpellings('соколова')).toEqual(['соколова', 'Соколова']);
    expect(nameSpellings('50')).toEqual(['50']);
  });
});
