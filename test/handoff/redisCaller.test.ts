import { ErrorReply } from 'redis';
import { HandoffUnavailableError } from '../../handoff/handoffErrors';
import { type HandoffRedisClient, RedisCaller, RedisScript } from '../../handoff/redisCaller';

const SCRIPT = new RedisScript('test', 'return 1');

/** A client whose EVALSHA fails with `failure`; EVAL answers 'evaluated'. */
function clientFailingWith(failure: Error): { client: HandoffRedisClient; evals: number } {
  const state = { evals: 0 };
  const client = {
    isReady: true,
    evalSha: () => Promise.reject(failure),
    eval: () => {
      state.evals += 1;
      return Promise.resolve('evaluated');
    },
  } as unknown as HandoffRedisClient;
  return {
    client,
    get evals() {
      return state.evals;
    },
  };
}

describe('RedisCaller', () => {
  it('sends the script again when the server forgot it (NOSCRIPT)', async () => {
    const fake = clientFailingWith(new ErrorReply('NOSCRIPT No matching script'));
    await expect(new RedisCaller(fake.client).run(SCRIPT, [], [])).resolves.toBe('evaluated');
    expect(fake.evals).toBe(1);
  });

  it("passes a script's own error on as it is: a bug, not an outage", async () => {
    const reply = new ErrorReply('ERR user_script:1: attempt to compare nil with number');
    const fake = clientFailingWith(reply);
    await expect(new RedisCaller(fake.client).run(SCRIPT, [], [])).rejects.toBe(reply);
    expect(fake.evals).toBe(0);
  });

  it('turns a lost connection or a server that is loading into HandoffUnavailableError', async () => {
    for (const failure of [
      new Error('Socket closed unexpectedly'),
      new ErrorReply('LOADING Redis is loading'),
    ]) {
      const fake = clientFailingWith(failure);
      await expect(new RedisCaller(fake.client).run(SCRIPT, [], [])).rejects.toBeInstanceOf(
        HandoffUnavailableError,
      );
    }
  });
});
