import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../app/compose';
import { hashPassword } from '../../operators/passwordHash';
import { startTestApp } from '../support/app';
import {
  ALWAYS_OPEN_HANDOFF,
  CitizenClient,
  type DlActivity,
  OPERATOR_PASSWORD,
  OperatorClient,
} from '../support/journey';

jest.setTimeout(60_000);

/**
 * Operators assigned to queues, end to end on the composed app: the accounts come from an
 * OPERATORS_FILE written by hand (as a supervisor would), only the "trasporti" operator is at
 * the console, and two citizens on Direct Line ask for an operator about an environmental and a
 * transport procedure.
 */
describe('journey: operators assigned to queues', () => {
  let app: App;
  let dir: string;
  const citizens: CitizenClient[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-queues-'));
    const operatorsFile = join(dir, 'operators.json');
    const passwordHash = await hashPassword(OPERATOR_PASSWORD);
    const at = new Date().toISOString();
    const account = (username: string, displayName: string, role: string, queues?: string[]) => ({
      username,
      displayName,
      role,
      ...(queues ? { queues } : {}),
      passwordHash,
      createdAt: at,
      updatedAt: at,
    });
    writeFileSync(
      operatorsFile,
      JSON.stringify({
        version: 1,
        accounts: [account('tina', 'Tina', 'operator', ['trasporti']), account('sara', 'Sara', 'supervisor')],
      }),
    );
    app = await startTestApp({ HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF, OPERATORS_FILE: operatorsFile });
  });

  afterAll(async () => {
    for (const c of citizens) c.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A citizen who picked a procedure (as with a card's button) and then asks for an operator. */
  async function asksOperatorAbout(procedureId: string): Promise<{ c: CitizenClient; offer: DlActivity }> {
    const c = await CitizenClient.connect(app.url(), { transport: 'polling' });
    citizens.push(c);
    await c.waitForText('assistente virtuale');
    const since = c.mark();
    await c.post({ type: 'message', value: { procedureId } });
    await c.waitFor((a) => a.channelData?.procedureId === procedureId, `the ${procedureId} answer`, {
      since,
    });
    return { c, offer: await c.ask('voglio parlare con un operatore') };
  }

  it('with only the trasporti operator online, an ambiente question gets the callback path, a trasporti one a live chat', async () => {
    const tina = await OperatorClient.login(app.url(), 'tina');

    // Environment: nobody serving it is online → leave a message for a callback.
    const environment = await asksOperatorAbout('aua');
    expect(environment.offer.text).toContain('nessun operatore di "Ambiente" è disponibile');
    expect((await environment.c.ask('Sì')).text).toContain('a cui ricontattarti');
    const registered = await environment.c.ask('mario.rossi@example.org');
    expect(registered.text).toContain('Ho registrato la tua richiesta');

    // Transport: tina serves it → a live chat, with the wait of tina's queue.
    const transport = await asksOperatorAbout('autoscuole');
    expect(transport.offer.text).toContain(
      'Ti metto in contatto con un operatore di Linea Amica – Trasporti',
    );
    await transport.c.ask('Sì');
    const since = transport.c.mark();
    await transport.c.say('salta');
    const queued = await transport.c.waitFor(
      (a) => a.channelData?.handoff?.state === 'queued',
      'the queued notice',
      { since },
    );
    expect(queued.text).toContain('sei al 1° posto, attesa stimata circa 5 minuti');
    const transportCase = queued.channelData?.handoff?.caseId ?? '';

    // The console: tina sees only her queue and cannot claim the environmental case.
    const view = await tina.queues();
    expect(view.body.queues.map((q) => q.queue)).toEqual(['trasporti']);
    expect(view.body.queues[0]?.waiting.map((w) => w.id)).toEqual([transportCase]);
    const sara = await OperatorClient.login(app.url(), 'sara');
    const all = await sara.queues();
    const callback = all.body.queues.find((q) => q.queue === 'ambiente')?.waiting[0];
    expect(callback).toMatchObject({ kind: 'callback', queue: 'ambiente', procedureId: 'aua' });
    const refused = await tina.claim(callback?.id ?? '');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'QueueNotServed' } });
    expect((await tina.claim(transportCase)).status).toBe(200);
  });

  it('refuses to start when OPERATORS_FILE gives an operator a queue config/handoff.yaml does not have', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        accounts: [
          {
            username: 'ugo',
            displayName: 'Ugo',
            role: 'operator',
            queues: ['trasporto'],
            passwordHash: 'x',
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    await expect(startTestApp({ HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF, OPERATORS_FILE: file })).rejects.toThrow(
      `operator "ugo": Unknown queue "trasporto"`,
    );
  });
});
