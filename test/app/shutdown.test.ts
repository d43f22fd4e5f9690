import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FakeChannelServer } from '../support/channelServer';
import { freePort } from '../support/globalSetup';
import { eventually } from '../support/journey';

const root = join(__dirname, '..', '..');

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the turn in flight, stops accepting and exits 0', async () => {
    const channel = new FakeChannelServer();
    const serviceUrl = await channel.start();
    const port = await freePort();
    // One process (tsx as a loader, not its CLI that would put a parent between us and the signal).
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'index.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    try {
      await eventually(
        async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok || undefined,
        'the server to start',
        30000,
      );
      const inFlight = fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'm1',
          channelId: 'emulator',
          serviceUrl,
          conversation: { id: 'shutdown-conv' },
          from: { id: 'u1' },
          recipient: { id: 'bot' },
          text: 'Come si ottiene la licenza di pesca dilettantistica?',
        }),
      });
      // The signal arrives while the turn is being processed.
      setTimeout(() => child.kill('SIGTERM'), 5);
      const response = await inFlight.catch((err: unknown) => {
        throw new Error(`${String(err)}\n${output}`);
      });
      expect(response.status).toBeLessThan(300);
      const [answer] = await channel.waitForMessages(1);
      expect(answer?.channelData).toMatchObject({ procedureId: 'licenza-pesca' });
      expect(await exited).toBe(0);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      await channel.stop();
    }
  }, 60000);
});
