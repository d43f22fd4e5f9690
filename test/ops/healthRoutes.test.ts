import type { App } from '../../app/compose';
import { startTestApp } from '../support/app';
import { CitizenClient } from '../support/journey';

describe('operations endpoints', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.stop());

  it('/healthz and /readyz answer', async () => {
    expect((await fetch(`${app.url()}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('/metrics counts turns by channel, turn latency, open conversations and queue lengths', async () => {
    const citizen = await CitizenClient.connect(app.url());
    await citizen.waitForText('Provincia di Lecco');
    await citizen.ask('licenza di pesca');
    citizen.close();
    const res = await fetch(`${app.url()}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/la_turns_total\{channel="directline"\} [1-9]/);
    expect(text).toMatch(/la_turn_duration_seconds_bucket\{le="0\.1",channel="directline"\}/);
    expect(text).toMatch(/la_open_conversations/);
    expect(text).toMatch(/la_queue_waiting_cases\{queue="strade"\} 0/);
  });
});

describe('/readyz with Redis down', () => {
  it('is not ready while Redis cannot be reached, then ready again', async () => {
    const { spawn } = await import('node:child_process');
    const { freePort } = await import('../support/globalSetup');
    const port = await freePort();
    const start = () =>
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
    let redis = start();
    await new Promise((r) => setTimeout(r, 300));
    const app = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_KEY_PREFIX: `ready${port}:`,
    });
    try {
      expect((await fetch(`${app.url()}/readyz`)).status).toBe(200);
      redis.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      const down = await fetch(`${app.url()}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ checks: { redis: 'down' } });
      redis = start();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await fetch(`${app.url()}/readyz`)).status;
      }
      expect(status).toBe(200);
    } finally {
      await app.stop().catch(() => undefined);
      redis.kill('SIGKILL');
    }
  });
});
