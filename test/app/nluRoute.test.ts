import type { App } from '../../app/compose';
import { postJson, startTestApp } from '../support/app';

describe('POST /api/nlu/parse', () => {
  describe('open (no ADMIN_API_KEY)', () => {
    let app: App;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(async () => app.stop());

    it('returns the procedures best first and the entities of the text', async () => {
      const res = await postJson(`${app.url()}/api/nlu/parse`, {
        text: 'passo carraio a Mandello, scrivete a mario.rossi@example.it entro domani',
        referenceDate: '2026-11-26',
      });
      expect(res.status).toBe(200);
      const body = res.body as {
        procedures: Array<{ id: string; score: number }>;
        entities: Array<{ type: string; value: unknown }>;
      };
      expect(body.procedures[0]?.id).toBe('accessi-carrai');
      expect(body.entities).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'comune', value: 'Mandello del Lario' }),
          expect.objectContaining({ type: 'email', value: 'mario.rossi@example.it' }),
          expect.objectContaining({ type: 'date', value: '2026-11-27' }),
        ]),
      );
    });

    it('rejects a body without text with 400 and a clear message', async () => {
      const res = await postJson(`${app.url()}/api/nlu/parse`, { txt: 'x' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'BadArgument' } });
    });
  });

  describe('with ADMIN_API_KEY', () => {
    let app: App;
    const key = 'k'.repeat(24);
    beforeAll(async () => {
      app = await startTestApp({ ADMIN_API_KEY: key });
    });
    afterAll(async () => app.stop());

    it('requires the bearer key', async () => {
      expect((await postJson(`${app.url()}/api/nlu/parse`, { text: 'licenza di pesca' })).status).toBe(401);
      expect(
        (
          await postJson(
            `${app.url()}/api/nlu/parse`,
            { text: 'licenza di pesca' },
            { Authorization: 'Bearer wrong' },
          )
        ).status,
      ).toBe(401);
      const ok = await postJson(
        `${app.url()}/api/nlu/parse`,
        { text: 'licenza di pesca' },
        { Authorization: `Bearer ${key}` },
      );
      expect(ok.status).toBe(200);
    });
  });
});
