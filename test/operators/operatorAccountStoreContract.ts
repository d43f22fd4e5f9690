import { InvalidUsernameError, UnknownQueueError } from '../../operators/operatorAccount';
import {
  type OperatorAccountStore,
  OperatorExistsError,
  OperatorNotFoundError,
} from '../../operators/operatorAccountStore';

export interface AccountStoreFactoryOptions {
  /** The queue ids the store accepts (config/handoff.yaml); absent: any. */
  knownQueues?: readonly string[];
}

const KNOWN_QUEUES = ['trasporti', 'strade', 'ambiente', 'generale'];

/** The behaviour every OperatorAccountStore must show; run against each implementation. */
export function operatorAccountStoreContract(
  name: string,
  factory: (options?: AccountStoreFactoryOptions) => Promise<OperatorAccountStore>,
): void {
  describe(`OperatorAccountStore contract: ${name}`, () => {
    let store: OperatorAccountStore;
    beforeEach(async () => {
      store = await factory({ knownQueues: KNOWN_QUEUES });
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

    it('keeps the queues an operator serves; without queues an account serves every queue', async () => {
      expect((await store.add(input)).queues).toBeUndefined();
      expect((await store.get('mario.rossi'))?.queues).toBeUndefined();
      await store.add({ ...input, username: 'anna', queues: [' trasporti', 'ambiente', 'trasporti', ''] });
      expect((await store.get('anna'))?.queues).toEqual(['trasporti', 'ambiente']);
      expect((await store.list()).map((a) => [a.username, a.queues])).toEqual([
        ['anna', ['trasporti', 'ambiente']],
        ['mario.rossi', undefined],
      ]);
    });

    it('changes the queues; an empty list means every queue again; other changes keep them', async () => {
      await store.add({ ...input, queues: ['strade'] });
      await store.update('mario.rossi', { displayName: 'M. Rossi' });
      expect((await store.get('mario.rossi'))?.queues).toEqual(['strade']);
      await store.update('mario.rossi', { queues: ['generale', 'ambiente'] });
      expect(await store.get('mario.rossi')).toMatchObject({
        displayName: 'M. Rossi',
        queues: ['generale', 'ambiente'],
      });
      await store.update('mario.rossi', { queues: [] });
      expect((await store.get('mario.rossi'))?.queues).toBeUndefined();
    });

    it('refuses a queue that config/handoff.yaml does not define, and changes nothing', async () => {
      const refused = store.add({ ...input, queues: ['trasporti', 'ambientee'] });
      await expect(refused).rejects.toBeInstanceOf(UnknownQueueError);
      await expect(refused).rejects.toThrow(/"ambientee".*trasporti, strade, ambiente, generale/);
      expect(await store.get('mario.rossi')).toBeUndefined();
      await store.add({ ...input, queues: ['trasporti'] });
      await expect(store.update('mario.rossi', { queues: ['caccia'] })).rejects.toBeInstanceOf(
        UnknownQueueError,
      );
      expect((await store.get('mario.rossi'))?.queues).toEqual(['trasporti']);
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
