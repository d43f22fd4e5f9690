/** The pub/sub channel of the case events: RedisCaseStore publishes on it, RedisHandoffEvents listens. */
export function handoffEventsChannel(prefix: string): string {
  return `${prefix}events`;
}
