import { QUESTIONS } from '../../bench/questions';
import { kb, search } from '../dialogs/dialogHarness';

// Rows c, d and the soak must measure knowledge answers: a question whose entry starts the
// operator escalation would leave the conversation at the consent prompt for every later turn.
describe('bench questions', () => {
  it.each(QUESTIONS)('"%s" gets a one-step knowledge answer', (question) => {
    const interpretation = search.interpret(question);
    expect(interpretation.decision).toBe('answer');
    const entry = kb.get(interpretation.procedures[0]?.id ?? '');
    expect(entry).toBeDefined();
    expect(entry?.escalate).not.toBe(true);
  });
});
