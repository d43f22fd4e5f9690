import { RedisScript } from './redisCaller';

/*
 * The Lua scripts of RedisCaseStore. Each state change is one script, so it is atomic with
 * respect to every other process, reaches the AOF whole or not at all, and publishes its event
 * in the same step: no change without its event, and every process sees the events of a case
 * in the order the changes happened.
 * ARGV[1] key prefix, ARGV[2] events channel ('' = do not publish), ARGV[3] origin (process id);
 * each script's own arguments follow. Keys (prefix omitted):
 *   case:{id}   hash   data (immutable JSON), state, queue, order, queuedAt, queuedAtMs,
 *                      queuedPosition, sampleable, requeues, seq, openField, conversationId,
 *                      channel, operator, operatorDisplayName, assignedAt, closedAt, outcome
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
local CHANNEL = ARGV[2]
local ORIGIN = ARGV[3]
local function arg(i) return ARGV[i + 3] end
local function ck(id) return P .. 'case:' .. id end
local function mk(id) return P .. 'msgs:' .. id end
local function qk(q) return P .. 'queue:' .. q end
local function hk(op) return P .. 'held:' .. op end
local function js(s) return cjson.encode(s) end
local function reply(id) return {'ok', redis.call('HGETALL', ck(id))} end
local CASE_FIELDS = {'operator', 'operatorDisplayName', 'assignedAt', 'closedAt', 'outcome'}
local function caseJson(id)
  local h = redis.call('HMGET', ck(id), 'data', 'state', 'queue', 'queuedAt', 'requeues',
    'operator', 'operatorDisplayName', 'assignedAt', 'closedAt', 'outcome')
  local s = string.sub(h[1], 1, -2) .. ',"state":' .. js(h[2]) .. ',"queue":' .. js(h[3]) ..
    ',"queuedAt":' .. js(h[4]) .. ',"requeues":' .. tonumber(h[5])
  for i = 1, #CASE_FIELDS do
    if h[i + 5] then s = s .. ',"' .. CASE_FIELDS[i] .. '":' .. js(h[i + 5]) end
  end
  return s .. '}'
end
local function publish(id, etype, at, extra)
  if CHANNEL == '' then return end
  local h = redis.call('HMGET', ck(id), 'conversationId', 'channel', 'queue')
  redis.call('PUBLISH', CHANNEL, '{"type":' .. js(etype) .. ',"caseId":' .. js(id) ..
    ',"conversationId":' .. js(h[1]) .. ',"channel":' .. js(h[2]) .. ',"queue":' .. js(h[3]) ..
    ',"at":' .. js(at) .. ',"origin":' .. js(ORIGIN) .. extra .. '}')
end
local function publishCase(id, etype, at, by, extra)
  if CHANNEL == '' then return end
  publish(id, etype, at, ',"by":' .. js(by) .. (extra or '') .. ',"case":' .. caseJson(id))
end
local function appendMsg(id, json)
  local seq = redis.call('HINCRBY', ck(id), 'seq', 1)
  local stored = '{"seq":' .. seq .. ',' .. string.sub(json, 2)
  redis.call('RPUSH', mk(id), stored)
  return seq, stored
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

// args: id, openField, queue, data, queuedAtIso, queuedAtMs, conversationId, channel, transcript JSON...
export const CREATE = script(
  'create',
  `
local existing = redis.call('HGET', P .. 'open', arg(2))
if existing then return {'open', existing} end
local id = arg(1)
local order = redis.call('INCR', P .. 'order')
redis.call('ZADD', qk(arg(3)), order, id)
local pos = redis.call('ZRANK', qk(arg(3)), id) + 1
redis.call('HSET', ck(id), 'data', arg(4), 'state', 'queued', 'queue', arg(3), 'order', order,
  'queuedAt', arg(5), 'queuedAtMs', arg(6), 'queuedPosition', pos, 'sampleable', '1',
  'requeues', '0', 'seq', '0', 'openField', arg(2), 'conversationId', arg(7), 'channel', arg(8))
for i = 12, #ARGV do appendMsg(id, ARGV[i]) end
redis.call('HSET', P .. 'open', arg(2), id)
redis.call('SADD', P .. 'queues', arg(3))
publishCase(id, 'case.queued', arg(5), 'citizen')
return reply(id)
`,
);

// args: id
export const GET = script(
  'get',
  `
if redis.call('EXISTS', ck(arg(1))) == 0 then return {'notfound'} end
return reply(arg(1))
`,
);

// args: openField
export const OPEN_FOR = script(
  'openCaseFor',
  `
local id = redis.call('HGET', P .. 'open', arg(1))
if not id then return {'notfound'} end
return reply(id)
`,
);

// args: id, operator, displayName, nowIso, nowMs, waitWindow, allowed queues (",a,b,", or '' for any)
export const CLAIM = script(
  'claim',
  `
local id = arg(1)
local k = ck(id)
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
if st == 'assigned' then return {'claimed', redis.call('HGET', k, 'operator') or ''} end
local q = redis.call('HGET', k, 'queue')
if arg(7) ~= '' and not string.find(arg(7), ',' .. q .. ',', 1, true) then return {'otherqueue', q} end
redis.call('ZREM', qk(q), id)
redis.call('HSET', k, 'state', 'assigned', 'operator', arg(2), 'operatorDisplayName', arg(3), 'assignedAt', arg(4))
redis.call('SADD', hk(arg(2)), id)
redis.call('ZADD', P .. 'hb', arg(5), arg(2))
if redis.call('HGET', k, 'sampleable') == '1' then
  local wait = math.max(0, tonumber(arg(5)) - tonumber(redis.call('HGET', k, 'queuedAtMs')))
  local pos = math.max(1, tonumber(redis.call('HGET', k, 'queuedPosition')))
  local wk = P .. 'waits:' .. q
  redis.call('LPUSH', wk, arg(4) .. ' ' .. wait .. ' ' .. math.floor(wait / pos + 0.5))
  redis.call('LTRIM', wk, 0, tonumber(arg(6)) - 1)
  redis.call('HSET', k, 'sampleable', '0')
end
publishCase(id, 'case.assigned', arg(4), arg(2))
return reply(id)
`,
);

// args: operator, nowMs
export const HEARTBEAT = script(
  'heartbeat',
  `
redis.call('ZADD', P .. 'hb', arg(2), arg(1))
return {'ok'}
`,
);

// args: cutoffMs (operators seen before it have vanished), nowIso
export const REQUEUE_EXPIRED = script(
  'requeueExpired',
  `
local ops = redis.call('ZRANGEBYSCORE', P .. 'hb', '-inf', '(' .. arg(1))
local out = {}
for _, op in ipairs(ops) do
  for _, id in ipairs(redis.call('SMEMBERS', hk(op))) do
    local k = ck(id)
    if redis.call('HGET', k, 'state') == 'assigned' and redis.call('HGET', k, 'operator') == op then
      requeue(id)
      publishCase(id, 'case.requeued', arg(2), 'system')
      table.insert(out, redis.call('HGETALL', k))
    end
  end
  redis.call('DEL', hk(op))
  redis.call('ZREM', P .. 'hb', op)
end
return {'ok', out}
`,
);

// args: id, operator, nowIso
export const RELEASE = script(
  'release',
  `
local k = ck(arg(1))
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
if st ~= 'assigned' or redis.call('HGET', k, 'operator') ~= arg(2) then return {'notheld', st} end
requeue(arg(1))
publishCase(arg(1), 'case.released', arg(3), arg(2))
return reply(arg(1))
`,
);

// args: id, toQueue, note message JSON or '', by, note text, nowIso
export const TRANSFER = script(
  'transfer',
  `
local id = arg(1)
local k = ck(id)
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
local from = redis.call('HGET', k, 'queue')
if from == arg(2) then return {'samequeue', st} end
local op = redis.call('HGET', k, 'operator')
if op then redis.call('SREM', hk(op), id) end
redis.call('HDEL', k, 'operator', 'operatorDisplayName', 'assignedAt')
redis.call('ZREM', qk(from), id)
redis.call('HSET', k, 'state', 'queued', 'queue', arg(2), 'sampleable', '0')
redis.call('ZADD', qk(arg(2)), redis.call('HGET', k, 'order'), id)
redis.call('SADD', P .. 'queues', arg(2))
if arg(3) ~= '' then appendMsg(id, arg(3)) end
local extra = ',"fromQueue":' .. js(from)
if arg(5) ~= '' then extra = extra .. ',"note":' .. js(arg(5)) end
publishCase(id, 'case.transferred', arg(6), arg(4), extra)
return reply(id)
`,
);

// args: id, outcome, closedAtIso, retentionSeconds, by
export const CLOSE = script(
  'close',
  `
local id = arg(1)
local k = ck(id)
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
local op = redis.call('HGET', k, 'operator')
if op then redis.call('SREM', hk(op), id) end
redis.call('ZREM', qk(redis.call('HGET', k, 'queue')), id)
redis.call('HDEL', P .. 'open', redis.call('HGET', k, 'openField'))
redis.call('HSET', k, 'state', 'closed', 'outcome', arg(2), 'closedAt', arg(3))
local ttl = tonumber(arg(4))
if ttl > 0 then
  redis.call('EXPIRE', k, ttl)
  redis.call('EXPIRE', mk(id), ttl)
end
publishCase(id, 'case.closed', arg(3), arg(5))
return reply(id)
`,
);

// args: id, message JSON without seq, nowIso, '1' if an operator message
export const APPEND = script(
  'appendMessage',
  `
local k = ck(arg(1))
local st = redis.call('HGET', k, 'state')
if not st then return {'notfound'} end
if st == 'closed' then return {'closed'} end
local seq, stored = appendMsg(arg(1), arg(2))
if CHANNEL ~= '' then
  local extra = ',"message":' .. stored
  local name = redis.call('HGET', k, 'operatorDisplayName')
  if arg(4) == '1' and name then extra = extra .. ',"operatorDisplayName":' .. js(name) end
  publish(arg(1), 'case.message', arg(3), extra)
end
return {'ok', seq, redis.call('HGETALL', k)}
`,
);

// args: id, afterSeq
export const MESSAGES = script(
  'messages',
  `
if redis.call('EXISTS', ck(arg(1))) == 0 then return {'notfound'} end
return {'ok', redis.call('LRANGE', mk(arg(1)), tonumber(arg(2)), -1)}
`,
);

// args: known queue names...
export const QUEUES = script(
  'queues',
  `
local names = redis.call('SMEMBERS', P .. 'queues')
for i = 4, #ARGV do table.insert(names, ARGV[i]) end
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

// args: id
export const POSITION = script(
  'position',
  `
local k = ck(arg(1))
if redis.call('HGET', k, 'state') ~= 'queued' then return {'none'} end
local rank = redis.call('ZRANK', qk(redis.call('HGET', k, 'queue')), arg(1))
if not rank then return {'none'} end
return {'ok', rank + 1}
`,
);

// args: operator
export const ASSIGNED_TO = script(
  'assignedTo',
  `
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', hk(arg(1)))) do
  local k = ck(id)
  if redis.call('HGET', k, 'state') == 'assigned' and redis.call('HGET', k, 'operator') == arg(1) then
    table.insert(out, redis.call('HGETALL', k))
  end
end
return {'ok', out}
`,
);

// args: queue
export const WAITS = script(
  'recentAssignmentWaits',
  `
return {'ok', redis.call('LRANGE', P .. 'waits:' .. arg(1), 0, -1)}
`,
);
