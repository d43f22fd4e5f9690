import { PassThrough, Readable } from 'node:stream';
import { MemoryOperatorAccountStore } from '../../operators/memoryOperatorAccountStore';
import { type CliIo, runOperatorCli } from '../../operators/operatorCli';
import { verifyPassword } from '../../operators/passwordHash';

function pipeIo(stdinText: string): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdin: Readable.from([stdinText]), stdout, stderr, out: () => out, err: () => err };
}

/** A fake terminal: typed keys arrive as data events; raw mode is recorded. */
function ttyIo(keys: string): CliIo & { err: () => string; rawModes: boolean[] } {
  const stdin = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (m: boolean) => void };
  const rawModes: boolean[] = [];
  stdin.isTTY = true;
  stdin.setRawMode = (m: boolean) => {
    rawModes.push(m);
  };
  let err = '';
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const lines = keys.split('|');
  let i = 0;
  // Each prompt gets the next line once it is written.
  stderr.on('data', () => {
    const line = lines[i++];
    if (line !== undefined) setImmediate(() => stdin.write(line));
  });
  return { stdin, stdout: new PassThrough(), stderr, err: () => err, rawModes };
}

describe('npm run operator', () => {
  it('adds an account with the password read from a pipe, and lists it', async () => {
    const store = new MemoryOperatorAccountStore();
    const io = pipeIo('password-segreta-1\n');
    const code = await runOperatorCli(
      ['add', 'Mario', '--role', 'supervisor', '--display', 'Mario Rossi'],
      io,
      store,
    );
    expect(code).toBe(0);
    const account = await store.get('mario');
    expect(account).toMatchObject({ role: 'supervisor', displayName: 'Mario Rossi' });
    expect(await verifyPassword(account?.passwordHash ?? '', 'password-segreta-1')).toBe(true);
    const list = pipeIo('');
    await runOperatorCli(['list'], list, store);
    expect(list.out()).toBe('mario\tsupervisor\tMario Rossi\ttutte le code\n');
  });

  it('changes a password (ending sessions) and removes an account', async () => {
    const store = new MemoryOperatorAccountStore();
    await runOperatorCli(['add', 'anna', '--role', 'operator'], pipeIo('password-vecchia\n'), store);
    const changed: string[] = [];
    const hook = async (u: string) => {
      changed.push(u);
    };
    expect(await runOperatorCli(['passwd', 'anna'], pipeIo('password-nuova-1\r\n'), store, hook)).toBe(0);
    expect(await verifyPassword((await store.get('anna'))?.passwordHash ?? '', 'password-nuova-1')).toBe(
      true,
    );
    expect(await runOperatorCli(['remove', 'anna'], pipeIo(''), store, hook)).toBe(0);
    expect(await store.get('anna')).toBeUndefined();
    expect(changed).toEqual(['anna', 'anna']);
  });

  it('asks twice on a terminal with hidden input, and refuses when the two differ', async () => {
    const store = new MemoryOperatorAccountStore();
    const io = ttyIo('password-terminale\r|password-terminale\r');
    expect(await runOperatorCli(['add', 'bruno', '--role', 'operator'], io, store)).toBe(0);
    expect(io.err()).toContain('Password: ');
    expect(io.err()).toContain('Ripeti la password: ');
    expect(io.err()).not.toContain('password-terminale');
    expect(io.rawModes).toEqual([true, false, true, false]);
    const bad = ttyIo('password-uno-1\r|password-due-2\r');
    expect(await runOperatorCli(['add', 'carla', '--role', 'operator'], bad, store)).toBe(2);
    expect(bad.err()).toContain('non coincidono');
    expect(await store.get('carla')).toBeUndefined();
  });

  it('explains mistakes with an exit code instead of a stack trace', async () => {
    const store = new MemoryOperatorAccountStore();
    const cases: Array<[string[], string, number, RegExp]> = [
      [['add', 'x1', '--role', 'capo'], 'password-lunga-1\n', 2, /--role deve essere operator o supervisor/],
      [['add', 'x1', '--role', 'operator'], 'corta\n', 1, /almeno 10 caratteri/],
      [['add', 'x y', '--role', 'operator'], 'password-lunga-1\n', 1, /Nome utente non valido/],
      [['passwd', 'nessuno'], 'password-lunga-1\n', 1, /non esiste/],
      [['boh'], '', 2, /Comando sconosciuto/],
      [[], '', 2, /Uso:/],
    ];
    for (const [argv, stdin, code, message] of cases) {
      const io = pipeIo(stdin);
      expect(await runOperatorCli(argv, io, store)).toBe(code);
      expect(io.err()).toMatch(message);
    }
    await runOperatorCli(['add', 'dup', '--role', 'operator'], pipeIo('password-lunga-1\n'), store);
    const dup = pipeIo('password-lunga-1\n');
    expect(await runOperatorCli(['add', 'DUP', '--role', 'operator'], dup, store)).toBe(1);
    expect(dup.err()).toMatch(/esiste già/);
  });

  describe('--queues', () => {
    const knownQueues = ['trasporti', 'strade', 'ambiente', 'generale'];
    const run = (argv: string[], io: CliIo, store: MemoryOperatorAccountStore, changed: string[] = []) =>
      runOperatorCli(
        argv,
        io,
        store,
        async (u) => {
          changed.push(u);
        },
        { knownQueues },
      );

    it('assigns queues on add, changes them with update (ending sessions), and lists them', async () => {
      const store = new MemoryOperatorAccountStore({ knownQueues });
      const added = pipeIo('password-lunga-1\n');
      expect(
        await run(['add', 'anna', '--role', 'operator', '--queues', 'trasporti,ambiente'], added, store),
      ).toBe(0);
      expect(added.out()).toContain('code: trasporti,ambiente');
      expect((await store.get('anna'))?.queues).toEqual(['trasporti', 'ambiente']);
      await run(['add', 'bruno', '--role', 'operator'], pipeIo('password-lunga-1\n'), store);

      const changed: string[] = [];
      expect(await run(['update', 'anna', '--queues=strade'], pipeIo(''), store, changed)).toBe(0);
      expect((await store.get('anna'))?.queues).toEqual(['strade']);
      expect(
        await run(
          ['update', 'bruno', '--queues', 'generale', '--display', 'Bruno V.'],
          pipeIo(''),
          store,
          changed,
        ),
      ).toBe(0);
      expect(changed).toEqual(['anna', 'bruno']);
      const list = pipeIo('');
      await run(['list'], list, store);
      expect(list.out()).toBe('anna\toperator\tanna\tstrade\nbruno\toperator\tBruno V.\tgenerale\n');

      expect(await run(['update', 'anna', '--queues', 'all'], pipeIo(''), store)).toBe(0);
      expect((await store.get('anna'))?.queues).toBeUndefined();
    });

    it('refuses an unknown queue before asking the password, naming the known ones', async () => {
      const store = new MemoryOperatorAccountStore({ knownQueues });
      const io = pipeIo('password-lunga-1\n');
      expect(
        await run(['add', 'anna', '--role', 'operator', '--queues', 'trasporti,ambinete'], io, store),
      ).toBe(1);
      expect(io.err()).toBe(
        'Coda sconosciuta: "ambinete". Le code di config/handoff.yaml sono: trasporti, strade, ambiente, generale\n',
      );
      expect(await store.get('anna')).toBeUndefined();
      await run(
        ['add', 'anna', '--role', 'operator', '--queues', 'trasporti'],
        pipeIo('password-lunga-1\n'),
        store,
      );
      const update = pipeIo('');
      expect(await run(['update', 'anna', '--queues', 'lavoro'], update, store)).toBe(1);
      expect(update.err()).toMatch(/Coda sconosciuta: "lavoro"/);
      expect((await store.get('anna'))?.queues).toEqual(['trasporti']);
    });

    it('explains an update without changes or for a missing account', async () => {
      const store = new MemoryOperatorAccountStore({ knownQueues });
      const empty = pipeIo('');
      expect(await run(['update', 'anna'], empty, store)).toBe(2);
      expect(empty.err()).toMatch(/Indica cosa cambiare/);
      const missing = pipeIo('');
      expect(await run(['update', 'anna', '--queues', 'strade'], missing, store)).toBe(1);
      expect(missing.err()).toMatch(/non esiste/);
    });
  });
});
