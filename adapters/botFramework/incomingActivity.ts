import { type Activity, DeliveryModes } from 'botbuilder-core';

export type IncomingActivityResult = { activity: Activity } | { error: string };

/**
 * Checks that a parsed request body is a Bot Framework activity the adapter can run: an object
 * with a string `type`, a `conversation.id` and, unless the replies come back in the response
 * (`deliveryMode: "expectReplies"`), an http(s) `serviceUrl` to send them to. Timestamps become
 * Dates with the original strings kept in `raw*`, as botbuilder's `validateAndFixActivity` does.
 */
export function incomingActivity(body: unknown): IncomingActivityResult {
  if (!isRecord(body)) return { error: 'The request body must be a Bot Framework activity (a JSON object)' };
  if (typeof body.type !== 'string' || !body.type) return { error: 'The activity has no type' };
  const conversation = body.conversation;
  if (!isRecord(conversation) || typeof conversation.id !== 'string' || !conversation.id)
    return { error: 'The activity has no conversation.id' };
  if (body.deliveryMode !== DeliveryModes.ExpectReplies) {
    const serviceUrl = body.serviceUrl;
    if (typeof serviceUrl !== 'string' || !isHttpUrl(serviceUrl))
      return { error: 'The activity has no valid serviceUrl (an http or https URL)' };
  }
  const activity = body as unknown as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return { activity };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
