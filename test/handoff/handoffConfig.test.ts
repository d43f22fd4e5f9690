import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  HandoffConfigError,
  loadHandoffConfig,
  officeHoursOptions,
  parseHandoffConfig,
  queueDisplayName,
  queueForArea,
} from '../../handoff/handoffConfig';
import { OfficeHours } from '../../handoff/officeHours';

const FILE = join(__dirname, '../../config/handoff.yaml');
const shipped = readFileSync(FILE, 'utf8');

function problemsOf(text: string): string[] {
  try {
    parseHandoffConfig(text, 'test.yaml');
  } catch (err) {
    if (err instanceof HandoffConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a HandoffConfigError');
}

describe('handoff configuration', () => {
  test('the shipped file defines the six queues with Italian names and maps every area', () => {
    const config = loadHandoffConfig(FILE);
    expect(Object.keys(config.queues).sort()).toEqual(
      ['ambiente', 'caccia-pesca', 'generale', 'lavoro', 'strade', 'trasporti'].sort(),
    );
    expect(queueDisplayName(config, 'strade')).toBe('Strade e viabilità');
    expect(queueForArea(config, 'trasporti')).toBe('trasporti');
    for (const area of ['istruzione', 'turismo', 'info']) expect(queueForArea(config, area)).toBe('generale');
    expect(queueForArea(config, undefined)).toBe('generale');
    expect(queueForArea(config, 'sconosciuta')).toBe('generale');
    expect(config.heartbeatTimeoutSeconds).toBe(60);
    expect(config.privacy.notice).toMatch(/Provincia di Lecco/);
  });

  test('the shipped hours are the Province of Lecco ones: Wednesday afternoon open, Thursday afternoon closed', () => {
    const hours = new OfficeHours(officeHoursOptions(loadHandoffConfig(FILE)));
    expect(hours.isOpen('ambiente', new Date('2026-03-04T15:00:00Z'))).toBe(true); // Wed 16:00
    expect(hours.isOpen('ambiente', new Date('2026-03-05T15:00:00Z'))).toBe(false); // Thu 16:00
  });

  test('mistakes are reported with the field and the reason', () => {
    const broken = shipped
      .replace("tue: ['09:00-14:00']", "tue: ['14:00-09:00', '9-14']")
      .replace('heartbeatTimeoutSeconds: 60', 'heartbeatTimeoutSeconds: -5');
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'defaultHours.tue.0: "14:00-09:00" ends before it starts',
        'defaultHours.tue.1: "9-14" must be "HH:MM-HH:MM" (24h)',
        'heartbeatTimeoutSeconds: must be > 0',
      ]),
    );
    const areas = problemsOf(shipped.replace('turismo: generale', 'turismo: cultura'));
    expect(areas.join('\n')).toMatch(/areas\.turismo: queue "cultura" is not defined/);
  });

  test('unknown keys, bad dates and invalid YAML are refused', () => {
    expect(problemsOf(shipped.replace('timeZone: Europe/Rome', 'timeZone: Europe/Lecco')).join()).toMatch(
      /timeZone: is not a known time zone/,
    );
    expect(problemsOf(shipped.replace('closures: []', "closures: ['2026-02-30']")).join()).toMatch(
      /holidays\.closures\.0: is not a real date/,
    );
    expect(problemsOf(`${shipped}\nqueus: {}\n`).join()).toMatch(/queus/);
    expect(problemsOf('queues: [unclosed').join()).toMatch(/not valid YAML/);
    expect(() => loadHandoffConfig('/nonexistent/handoff.yaml')).toThrow(HandoffConfigError);
  });
});
