import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PultError } from '../../core/errors.js';
import { isLoopbackOrigin } from '../app.js';
import { parseInput, statusFor } from './errors.js';

describe('error mapping', () => {
  it('maps codes to HTTP statuses', () => {
    expect(statusFor('validation')).toBe(400);
    expect(statusFor('auth.invalid_credentials')).toBe(401);
    expect(statusFor('forbidden')).toBe(403);
    expect(statusFor('conflict')).toBe(409);
    expect(statusFor('internal')).toBe(500);
  });
  it('turns zod failures into a validation PultError with fields', () => {
    try {
      parseInput(z.object({ login: z.string().min(1) }), { login: '' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PultError);
      expect((e as PultError).toBody()).toMatchObject({ code: 'validation', fields: { login: 'too_small' } });
    }
  });
});

describe('CORS origins', () => {
  it('allows loopback only', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:4320')).toBe(true);
    expect(isLoopbackOrigin('http://localhost:5173')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:80')).toBe(true);
    expect(isLoopbackOrigin('https://evil.example')).toBe(false);
    expect(isLoopbackOrigin('http://127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackOrigin('null')).toBe(false);
  });
});
