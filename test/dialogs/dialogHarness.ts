import { join } from 'node:path';
import { type Activity, ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { CONVERSATION_DATA, type ConversationData } from '../../dialogs/conversationData';
import { MainDialog, type MainDialogChildren } from '../../dialogs/mainDialog';
import { loadKnowledge } from '../../knowledge/loadKnowledge';

const root = join(__dirname, '..', '..');
// The Province's real knowledge base: these tests check what citizens would see.
export const { kb, search } = loadKnowledge({ kbDir: join(root, 'knowledge', 'entries') });

export type Reply = Partial<Activity> & { channelData?: Record<string, unknown> };

export interface Harness {
  client: DialogTestClient;
  storage: MemoryStorage;
  say(text: string | Partial<Activity>): Promise<Reply[]>;
}

/** The main dialog over the real knowledge base, driven turn by turn like the bot does. */
export function mainDialogHarness(
  children: (data: ReturnType<ConversationState['createProperty']>) => MainDialogChildren = () => ({}),
): Harness {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const data = state.createProperty<ConversationData>(CONVERSATION_DATA);
  const client = new DialogTestClient(
    'test',
    new MainDialog(kb, search, data, children(data)),
    undefined,
    [],
    state,
  );
  return {
    client,
    storage,
    async say(text) {
      const replies: Reply[] = [];
      let reply = (await client.sendActivity(text)) as Reply | undefined;
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply() as Reply | undefined;
      }
      return replies;
    },
  };
}

export function buttonTitles(reply: Reply | undefined): string[] {
  const fromSuggested = reply?.suggestedActions?.actions.map((a) => a.title) ?? [];
  const fromCards = (reply?.attachments ?? []).flatMap((a) =>
    ((a.content as { buttons?: Array<{ title: string }> })?.buttons ?? []).map((b) => b.title),
  );
  return [...fromSuggested, ...fromCards];
}

export function buttonValues(reply: Reply | undefined): unknown[] {
  return reply?.suggestedActions?.actions.map((a) => a.value) ?? [];
}
