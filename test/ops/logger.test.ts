import { createLogger } from '../../ops/logger';

function capture(mask: boolean) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    maskPersonalData: mask,
    destination: { write: (l: string) => lines.push(l) },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with personal data masked in messages and fields', () => {
    const { logger, lines } = capture(true);
    logger.info(
      { conversationId: 'c1', text: 'sono mario.rossi@example.it, tel. 333 1234567, CF RSSMRA80A01E507X' },
      'messaggio da mario.rossi@example.it',
    );
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, string>;
    expect(line.conversationId).toBe('c1');
    expect(line.msg).not.toContain('mario.rossi@example.it');
    expect(line.text).not.toMatch(/mario\.rossi|1234567|RSSMRA80A01E507X/);
    expect(line.level).toBe(30);
  });

  it('keeps the text as is when masking is off', () => {
    const { logger, lines } = capture(false);
    logger.info({ text: 'mario.rossi@example.it' }, 'x');
    expect(lines[0]).toContain('mario.rossi@example.it');
  });
});
