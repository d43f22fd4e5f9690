/**
 * The parts of botbuilder-dialogs this bot uses, each from its own module of the package.
 *
 * The package's index also loads every other prompt (dates, numbers with units, attachments,
 * OAuth), the choice recognizers of every culture, the skill dialogs and the dialog manager:
 * 13 MB of V8 heap that every mark-compact would mark again, and a fifth of a second of CPU at
 * each start, for nothing we call. botbuilder is archived upstream, so these paths will not
 * move; test/dialogs/botbuilderDialogs.test.ts checks each export is the package's own.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export type { PromptValidatorContext } from 'botbuilder-dialogs/lib/prompts/prompt';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
