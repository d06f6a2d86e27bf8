import { describe, expect, it } from 'vitest';
import { pickOperator, pickTechnician } from './assignment.js';

const ops = [
  { id: 'b', available: true, openItems: 3 },
  { id: 'a', available: true, openItems: 3 },
  { id: 'c', available: true, openItems: 1 },
  { id: 'd', available: false, openItems: 0 },
];

describe('assignment', () => {
  it('prefers the customer’s previous operator when they are available', () => {
    expect(pickOperator(ops, 'a')).toBe('a');
  });
  it('skips absent staff, even the previous operator', () => {
    expect(pickOperator(ops, 'd')).toBe('c');
  });
  it('otherwise gives it to the least loaded, ties broken stably', () => {
    expect(pickOperator(ops)).toBe('c');
    expect(pickOperator(ops.filter((o) => o.id !== 'c'))).toBe('a');
  });
  it('nobody available → nobody (the order waits in the shared queue)', () => {
    expect(pickOperator([{ id: 'x', available: false, openItems: 0 }])).toBeNull();
    expect(pickOperator([])).toBeNull();
  });
  it('technicians by district', () => {
    const techs = [
      { id: 't1', available: true, openItems: 2, district: 'Северный' },
      { id: 't2', available: true, openItems: 0, district: 'Южный' },
      { id: 't3', available: true, openItems: 1, district: 'Северный' },
    ];
    expect(pickTechnician(techs, 'Северный')).toBe('t3');
    expect(pickTechnician(techs, 'Западный')).toBeNull();
    expect(pickTechnician(techs, null)).toBeNull();
  });
});
