import { InvalidUsernameError } from '../../operators/operatorAccount';
import {
  type OperatorAccountStore,
  OperatorExistsError,
  OperatorNotFoundError,
} from '../../operators/operatorAccountStore';

/** The behaviour every OperatorAccountStore must show; run against each implementation. */
export function operatorAccountStoreContract(
  name: string,
  factory: () => Promise<OperatorAccountStore>,
): void {
  describe(`OperatorAccountStore contract: ${name}`, () => {
    let store: OperatorAccountStore;
    beforeEach(async () => {
      store = await factory();
    });

    const input = {
      username: 'Mario.Rossi',
      displayName: 'Mario Rossi',
      role: 'operator' as const,
      passwordHash: 'h1',
    };

    it('adds an account with a case-insensitive username and reads it back', async () => {
      const added = await store.add(input);
      expect(added.username).toBe('mario.rossi');
      const read = await store.get('MARIO.ROSSI');
      expect(read).toMatchObject({
        username: 'mario.rossi',
        displayName: 'Mario Rossi',
        role: 'operator',
        passwordHash: 'h1',
      });
      expect(await store.get('nobody')).toBeUndefined();
    });

    it('refuses a second account with the same username', async () => {
      await store.add(input);
      await expect(store.add({ ...input, username: 'mario.rossi' })).rejects.toBeInstanceOf(
        OperatorExistsError,
      );
    });

    it('refuses usernames with spaces or symbols', async () => {
      await expect(store.add({ ...input, username: 'mario rossi' })).rejects.toBeInstanceOf(
        InvalidUsernameError,
      );
      await expect(store.add({ ...input, username: 'x' })).rejects.toBeInstanceOf(InvalidUsernameError);
    });

    it('changes password, display name and role', async () => {
      await store.add(input);
      await store.setPassword('mario.rossi', 'h2');
      await store.update('mario.rossi', { displayName: 'M. Rossi', role: 'supervisor' });
      expect(await store.get('mario.rossi')).toMatchObject({
        passwordHash: 'h2',
        displayName: 'M. Rossi',
        role: 'supervisor',
      });
      await expect(store.setPassword('nobody', 'h')).rejects.toBeInstanceOf(OperatorNotFoundError);
      await expect(store.update('nobody', { role: 'operator' })).rejects.toBeInstanceOf(
        OperatorNotFoundError,
      );
    });

    it('lists accounts sorted by username and removes them', async () => {
      await store.add({ ...input, username: 'zeta' });
      await store.add({ ...input, username: 'alfa', role: 'supervisor' });
      expect((await store.list()).map((a) => a.username)).toEqual(['alfa', 'zeta']);
      expect(await store.remove('ZETA')).toBe(true);
      expect(await store.remove('zeta')).toBe(false);
      expect((await store.list()).map((a) => a.username)).toEqual(['alfa']);
    });

    it('returns copies: changing a returned account does not change the store', async () => {
      const added = await store.add(input);
      added.role = 'supervisor';
      const read = await store.get('mario.rossi');
      if (read) read.displayName = 'changed';
      expect(await store.get('mario.rossi')).toMatchObject({ role: 'operator', displayName: 'Mario Rossi' });
    });
  });
}
