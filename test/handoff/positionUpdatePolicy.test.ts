import { PositionUpdatePolicy } from '../../handoff/positionUpdatePolicy';
import { TestClock } from './caseStoreContract';

describe('PositionUpdatePolicy', () => {
  test('tells the first position, then only improvements at most once per interval', () => {
    const clock = new TestClock();
    const policy = new PositionUpdatePolicy({ minIntervalMs: 30_000, now: clock.now });
    expect(policy.shouldTell('c', 8)).toBe(true);
    expect(policy.shouldTell('c', 8)).toBe(false); // unchanged
    clock.advance(10_000);
    expect(policy.shouldTell('c', 7)).toBe(false); // too soon
    clock.advance(25_000);
    expect(policy.shouldTell('c', 6)).toBe(true);
    clock.advance(60_000);
    expect(policy.shouldTell('c', 7)).toBe(false); // worse: a re-queued case went ahead
    expect(policy.shouldTell('c', 6)).toBe(false); // not better than what was told
    expect(policy.shouldTell('c', 5)).toBe(true);
  });

  test('reaching first place is told at once; cases are independent and can be forgotten', () => {
    const clock = new TestClock();
    const policy = new PositionUpdatePolicy({ minIntervalMs: 60_000, now: clock.now });
    expect(policy.shouldTell('a', 2)).toBe(true);
    expect(policy.shouldTell('b', 2)).toBe(true);
    clock.advance(1000);
    expect(policy.shouldTell('a', 1)).toBe(true);
    expect(policy.shouldTell('b', 2)).toBe(false);
    policy.forget('a');
    expect(policy.shouldTell('a', 1)).toBe(true);
  });

  test('memory stays bounded: the oldest case is forgotten first', () => {
    const policy = new PositionUpdatePolicy({ maxTracked: 2 });
    policy.shouldTell('a', 3);
    policy.shouldTell('b', 3);
    policy.shouldTell('c', 3);
    expect(policy.shouldTell('a', 3)).toBe(true); // forgotten, so told again
    expect(policy.shouldTell('c', 3)).toBe(false);
  });
});
