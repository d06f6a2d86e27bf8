import { describe, expect, it } from 'vitest';
import { renderTemplate, unknownVariables } from './templates.js';

describe('notification templates', () => {
  it('fills variables, with or without spaces inside the braces', () => {
    expect(renderTemplate('Здравствуйте, {{customer.name}}! Заказ № {{ order.number }}: {{stage.name}}.', {
      'customer.name': 'Анна',
      'order.number': 'П-1001',
      'stage.name': 'Подтверждён',
    })).toBe('Здравствуйте, Анна! Заказ № П-1001: Подтверждён.');
  });
  it('a known variable without a value becomes empty, never the raw placeholder', () => {
    expect(renderTemplate('Партнёр {{customer.partnerNumber}}.', {})).toBe('Партнёр .');
  });
  it('finds misspelt variables so the admin can fix them before saving', () => {
    expect(unknownVariables('{{custmer.name}} {{order.number}} {{custmer.name}} {{x}}')).toEqual(['custmer.name', 'x']);
    expect(unknownVariables('Без переменных')).toEqual([]);
  });
  it('does not interpret values as placeholders or markup', () => {
    expect(renderTemplate('{{customer.name}}', { 'customer.name': '{{order.number}} <b>' })).toBe('{{order.number}} <b>');
  });
});
