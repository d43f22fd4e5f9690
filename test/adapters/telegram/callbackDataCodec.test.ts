import { CallbackDataCodec } from '../../../adapters/telegram/callbackDataCodec';
import { MemoryCallbackDataStore } from '../../../adapters/telegram/memoryCallbackDataStore';

describe('CallbackDataCodec', () => {
  const codec = () => new CallbackDataCodec(new MemoryCallbackDataStore());

  it('sends a short text inline and reads it back', async () => {
    const c = codec();
    const data = await c.encode({ text: 'operatore' }, true);
    expect(data).toBe('s=operatore');
    expect(await c.decode(data)).toEqual({ text: 'operatore', ephemeral: true });
  });

  it('keeps objects and long or multi-byte texts in the store, within 64 bytes', async () => {
    const c = codec();
    const payloads = [
      { value: { rating: 'positive' } },
      { text: 'x'.repeat(63) },
      { text: 'è'.repeat(40) }, // 40 characters, 80 bytes
      { text: 'altre domande', value: { followUp: 'tesserino', step: 2 } },
    ];
    for (const payload of payloads) {
      const data = await c.encode(payload, false);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(data.startsWith('c#')).toBe(true);
      expect(await c.decode(data)).toEqual({ ...payload, ephemeral: false });
    }
  });

  it('answers undefined for data it did not make or that has expired', async () => {
    const c = codec();
    expect(await c.decode('hello')).toBeUndefined();
    expect(await c.decode('s#missingKey')).toBeUndefined();
    expect(await c.decode('')).toBeUndefined();
  });
});
