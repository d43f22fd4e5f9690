import { RedisScript } from './redisCaller';

/*
 * The Lua scripts of RedisCaseStore. Each state change is one script, so it is atomic with
 * respect to every other process, and either all of it or none of it reaches the AOF.
 * ARGV[1] is always the key prefix. Keys (prefix omitted):
 *   case:{id}   hash   data (immutable JSON), state, queue, order, queuedAt, queuedAtMs,
 *                      queuedPosition, sampleable, requeues, seq, openField, operator, ...
 *   msgs:{id}   list   messages as JSON; seq n is at index n-1
 *   queue:{q}   zset   waiting case ids scored by arrival order
 *   queues      set    queue names ever used
 *   open        hash   channel\nconversationId -> open case id
 *   order       string arrival counter
 *   hb          zset   operator -> last heartbeat (ms)
 *   held:{op}   set    case ids the operator holds
 *   waits:{q}   list   recent assignment waits, newest first: "iso waitMs perPositionMs"
 */
const HELPERS = `
local P = ARGV[1]
local function ck(id) return P .. 'case:' .. id end
local function mk(id) return P .. 'msgs:' .. id end
local function qk(q) return P .. 'queue:' .. q end
local function hk(op) return P .. 'held:' .. op end
local function reply(id) return {'ok', redis.call('HGETALL', ck(id))} end
local function appendMsg(id, json)
  local seq = redis.call('HINCRBY', ck(id), 'seq', 1)
  redis.call('RPUSH', mk(id), '{"seq":' .. seq .. ',' .. string.sub(json, 2))
  return seq
end
local function requeue(id)
  local k = ck(id)
  local op = redis.call('HGET', k, 'operator')
  if op then redis.call('SREM', hk(op), id) end
  redis.call('HDEL', k, 'operator', 'operatorDisplayName', 'assignedAt')
  redis.call('HSET', k, 'state', 'queued', 'sampleable', '0')
  redis.call('HINCRBY', k, 'requeues', 1)
  redis.call('ZADD', qk(redis.call('HGET', k, 'queue')), redis.call('HGET', k, 'order'), id)
end
`;

const script = (name: string, body: string) => new RedisScript(name, HELPERS + body);

// ARGV: P, id, openField, queue, data, queuedAtIso, queuedAtMs, transcript JSON...
export const CREATE = script(
  'create',
  `
local existing = redis.call('HGET', P .. 'open', ARGV[3])
if existing then return {'open', existing} end
local id = ARGV[2]
local order = redis.call('INCR', P .. 'order')
redis.call('ZADD', qk(ARGV[4]), order, id)
local pos = redis.call('ZRANK', qk(ARGV[4]), id) + 1
redis.call('HSET', ck(id), 'data', ARGV[5], 'state', 'queued', 'queue', ARGV[4], 'order', order,
  'queuedAt', ARGV[6], 'queuedAtMs', ARGV[7], 'queuedPosition', pos, 'sampleable', '1',
  'requeues', '0', 'seq', '0', 'openField', ARGV[3])
for i = 8, #ARGV do appendMsg(id, ARGV[i]) end
redis.call('HSET', P .. 'open', ARGV[3], id)
redis.call('SADD', P .. 'queues', ARGV[4])
return reply(id)
`,
);

// ARGV: P, id
export const GET = script(
  'get',
  `
if redis.call('EXISTS', ck(ARGV[2])) == 0 then return {'notfound'} end
return reply(ARGV[2])
`,
);

// ARGV: P, openField
export const OPEN_FOR = script(
  'openCaseFor',
  `
local id = redis.call('HGET', P .. 'open', ARGV[2])
if not id then return {'notfound'} end
return reply(id)
`,
);

// ARGV: P, id, operator, displayName, nowIso, nowMs, waitWindow
export const CLAIM = script(
  'claim',
  `
local id = ARGV[2]
local k = ck(id)
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
if st == 'assigned' then return {'claimed', redis.call('HGET', k, 'operator') or ''} end
local q = redis.call('HGET', k, 'queue')
redis.call('ZREM', qk(q), id)
redis.call('HSET', k, 'state', 'assigned', 'operator', ARGV[3], 'operatorDisplayName', ARGV[4], 'assignedAt', ARGV[5])
redis.call('SADD', hk(ARGV[3]), id)
redis.call('ZADD', P .. 'hb', ARGV[6], ARGV[3])
if redis.call('HGET', k, 'sampleable') == '1' then
  local wait = math.max(0, tonumber(ARGV[6]) - tonumber(redis.call('HGET', k, 'queuedAtMs')))
  local pos = math.max(1, tonumber(redis.call('HGET', k, 'queuedPosition')))
  local wk = P .. 'waits:' .. q
  redis.call('LPUSH', wk, ARGV[5] .. ' ' .. wait .. ' ' .. math.floor(wait / pos + 0.5))
  redis.call('LTRIM', wk, 0, tonumber(ARGV[7]) - 1)
  redis.call('HSET', k, 'sampleable', '0')
end
return reply(id)
`,
);

// ARGV: P, operator, nowMs
export const HEARTBEAT = script(
  'heartbeat',
  `
redis.call('ZADD', P .. 'hb', ARGV[3], ARGV[2])
return {'ok'}
`,
);

// ARGV: P, cutoffMs (operators seen before it have vanished)
export const REQUEUE_EXPIRED = script(
  'requeueExpired',
  `
local ops = redis.call('ZRANGEBYSCORE', P .. 'hb', '-inf', '(' .. ARGV[2])
local out = {}
for _, op in ipairs(ops) do
  for _, id in ipairs(redis.call('SMEMBERS', hk(op))) do
    local k = ck(id)
    if redis.call('HGET', k, 'state') == 'assigned' and redis.call('HGET', k, 'operator') == op then
      requeue(id)
      table.insert(out, redis.call('HGETALL', k))
    end
  end
  redis.call('DEL', hk(op))
  redis.call('ZREM', P .. 'hb', op)
end
return {'ok', out}
`,
);

// ARGV: P, id, operator
export const RELEASE = script(
  'release',
  `
local k = ck(ARGV[2])
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
if st ~= 'assigned' or redis.call('HGET', k, 'operator') ~= ARGV[3] then return {'notheld', st} end
requeue(ARGV[2])
return reply(ARGV[2])
`,
);

// ARGV: P, id, toQueue, note JSON or ''
export const TRANSFER = script(
  'transfer',
  `
local id = ARGV[2]
local k = ck(id)
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
local from = redis.call('HGET', k, 'queue')
if from == ARGV[3] then return {'samequeue', st} end
local op = redis.call('HGET', k, 'operator')
if op then redis.call('SREM', hk(op), id) end
redis.call('HDEL', k, 'operator', 'operatorDisplayName', 'assignedAt')
redis.call('ZREM', qk(from), id)
redis.call('HSET', k, 'state', 'queued', 'queue', ARGV[3], 'sampleable', '0')
redis.call('ZADD', qk(ARGV[3]), redis.call('HGET', k, 'order'), id)
redis.call('SADD', P .. 'queues', ARGV[3])
if ARGV[4] ~= '' then appendMsg(id, ARGV[4]) end
return reply(id)
`,
);

// ARGV: P, id, outcome, closedAtIso, retentionSeconds
export const CLOSE = script(
  'close',
  `
local id = ARGV[2]
local k = ck(id)
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
local op = redis.call('HGET', k, 'operator')
if op then redis.call('SREM', hk(op), id) end
redis.call('ZREM', qk(redis.call('HGET', k, 'queue')), id)
redis.call('HDEL', P .. 'open', redis.call('HGET', k, 'openField'))
redis.call('HSET', k, 'state', 'closed', 'outcome', ARGV[3], 'closedAt', ARGV[4])
local ttl = tonumber(ARGV[5])
if ttl > 0 then
  redis.call('EXPIRE', k, ttl)
  redis.call('EXPIRE', mk(id), ttl)
end
return reply(id)
`,
);

// ARGV: P, id, message JSON without seq
export const APPEND = script(
  'appendMessage',
  `
local st = redis.call('HGET', ck(ARGV[2]), 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
return {'ok', appendMsg(ARGV[2], ARGV[3])}
`,
);

// ARGV: P, id, afterSeq
export const MESSAGES = script(
  'messages',
  `
if redis.call('EXISTS', ck(ARGV[2])) == 0 then return {'notfound'} end
return {'ok', redis.call('LRANGE', mk(ARGV[2]), tonumber(ARGV[3]), -1)}
`,
);

// ARGV: P, known queue names...
export const QUEUES = script(
  'queues',
  `
local names = redis.call('SMEMBERS', P .. 'queues')
for i = 2, #ARGV do table.insert(names, ARGV[i]) end
local seen = {}
local out = {}
for _, q in ipairs(names) do
  if not seen[q] then
    seen[q] = true
    local cases = {}
    for _, id in ipairs(redis.call('ZRANGE', qk(q), 0, -1)) do
      table.insert(cases, redis.call('HGETALL', ck(id)))
    end
    table.insert(out, {q, cases})
  end
end
return {'ok', out}
`,
);

// ARGV: P, id
export const POSITION = script(
  'position',
  `
local k = ck(ARGV[2])
if redis.call('HGET', k, 'state') ~= 'queued' then return {'none'} end
local rank = redis.call('ZRANK', qk(redis.call('HGET', k, 'queue')), ARGV[2])
if not rank then return {'none'} end
return {'ok', rank + 1}
`,
);

// ARGV: P, operator
export const ASSIGNED_TO = script(
  'assignedTo',
  `
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', hk(ARGV[2]))) do
  local k = ck(id)
  if redis.call('HGET', k, 'state') == 'assigned' and redis.call('HGET', k, 'operator') == ARGV[2] then
    table.insert(out, redis.call('HGETALL', k))
  end
end
return {'ok', out}
`,
);

// ARGV: P, queue
export const WAITS = script(
  'recentAssignmentWaits',
  `
return {'ok', redis.call('LRANGE', P .. 'waits:' .. ARGV[2], 0, -1)}
`,
);
