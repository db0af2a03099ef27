import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, SECRET_KEY_PATTERN } from '../../src-main/store';

describe('redactSecrets', () => {
  it('replaces the values of key, secret, token and password properties at any depth', () => {
    const input = {
      apiKey: 'AK',
      nested: { API_SECRET: 's', list: [{ accessToken: 't' }, { password: 'p', ok: 1 }] },
      keep: 'visible',
    };
    expect(redactSecrets(input)).toEqual({
      apiKey: REDACTED,
      nested: { API_SECRET: REDACTED, list: [{ accessToken: REDACTED }, { password: REDACTED, ok: 1 }] },
      keep: 'visible',
    });
  });

  it('redacts a secret property whole, even when its value is an object', () => {
    expect(redactSecrets({ keys: { a: 1 }, tokenInfo: null })).toEqual({ keys: REDACTED, tokenInfo: REDACTED });
  });

  it('does not modify its input', () => {
    const input = { secret: 'x', inner: { token: 'y' } };
    redactSecrets(input);
    expect(input).toEqual({ secret: 'x', inner: { token: 'y' } });
  });

  it('passes primitives and non-secret values through', () => {
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets('apiKey')).toBe('apiKey');
    expect(redactSecrets([1, 'a', { n: 2 }])).toEqual([1, 'a', { n: 2 }]);
  });

  it('turns cycles into a marker so the result stays JSON-safe', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const shared = { v: 1 };
    const out = redactSecrets({ a, x: shared, y: shared });
    expect(out).toEqual({ a: { name: 'a', self: '[circular]' }, x: { v: 1 }, y: { v: 1 } });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('keeps an own "__proto__" key as data', () => {
    const out = redactSecrets(JSON.parse('{"__proto__": {"token": "t"}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ token: REDACTED });
  });

  it('leaves no value under a secret-looking key in any JSON value', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('apiKey', 'secret', 'TOKEN', 'Password', 'monkey'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('value')),
        fc.dictionary(key, tie('value')),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) return v.forEach(walk);
          if (v && typeof v === 'object')
            for (const [k, inner] of Object.entries(v)) {
              if (SECRET_KEY_PATTERN.test(k)) expect(inner).toBe(REDACTED);
              else walk(inner);
            }
        };
        const out = redactSecrets(value);
        walk(out);
        expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      }),
    );
  });
});
