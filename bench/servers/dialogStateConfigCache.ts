import type { TurnContext } from 'botbuilder';
import { type DialogStateManagerConfiguration, DialogSet } from 'botbuilder-dialogs';

/** The turn-state key botbuilder-dialogs' DialogStateManager reads its configuration from. */
const CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * Bench experiment only (row d~): botbuilder-dialogs rebuilds its memory scopes and path
 * resolvers (a service collection, zod-validated settings, nine scope objects, five resolvers)
 * on the first DialogContext of every turn and caches them for that turn only. They are
 * stateless, and botbuilder's own DialogManager keeps one configuration for all turns
 * (`DialogManager.stateConfiguration`); this does the same: the first turn's configuration is
 * kept and put in every later turn's state before the dialog context is created.
 */
export function cacheDialogStateConfigurationInProcess(): void {
  let cached: DialogStateManagerConfiguration | undefined;
  const original = DialogSet.prototype.createContext;
  DialogSet.prototype.createContext = async function (this: DialogSet, context: TurnContext) {
    if (cached && !context.turnState.get(CONFIGURATION_KEY)) context.turnState.set(CONFIGURATION_KEY, cached);
    const dc = await original.call(this, context);
    cached ??= context.turnState.get(CONFIGURATION_KEY) as DialogStateManagerConfiguration | undefined;
    return dc;
  };
}
