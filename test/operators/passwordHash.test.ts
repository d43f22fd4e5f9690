import {
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
  WeakPasswordError,
} from '../../operators/passwordHash';

describe('passwordHash', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(h).not.toContain('correct');
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'correct horse batterx')).toBe(false);
  });

  it('salts each hash: one password gives two different hashes', async () => {
    const a = await hashPassword('stessa password');
    const b = await hashPassword('stessa password');
    expect(a).not.toBe(b);
    expect(await verifyPassword(b, 'stessa password')).toBe(true);
  });

  it('refuses short passwords and malformed hashes', async () => {
    await expect(hashPassword('corta')).rejects.toBeInstanceOf(WeakPasswordError);
    expect(await verifyPassword('plain-text', 'plain-text')).toBe(false);
    expect(await verifyPassword('scrypt$0$8$1$$', 'x')).toBe(false);
    expect(await verifyAgainstDummy('dummy-password-never-valid')).toBe(false);
  });
});
