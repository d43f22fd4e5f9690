import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { loadKnowledgeBase } from '../../knowledge/loader';
import { KnowledgeSearch } from '../../knowledge/search';
import { SynonymDictionary } from '../../knowledge/synonymDictionary';

/**
 * What a citizen notices when a question shares a word or two with an entry but is about
 * something else: no procedure is answered; the real questions with the same words still are.
 * These run on the project's knowledge base, as the bot does.
 */
const { search } = loadKnowledge({ kbDir: join(__dirname, '..', '..', 'knowledge', 'entries') });

const decide = (text: string): { text: string; decision: string; id?: string } => {
  const r = search.interpret(text);
  const id = r.procedures[0]?.id;
  return { text, decision: r.decision, ...(r.decision === 'none' || !id ? {} : { id }) };
};

describe('one shared word in a question about something else', () => {
  it('does not answer with the entry that has that word', () => {
    for (const text of [
      'una ricetta per la pesca al forno',
      'come si prepara la marmellata di pesche?',
      'cerco una babysitter per mio figlio',
      'Buongiorno, mio marito è uscito a pescare stamattina e non è ancora tornato, sono preoccupata',
    ]) {
      expect(decide(text)).toEqual({ text, decision: 'none' });
    }
  });

  it('needs that word to carry well over half of the question', () => {
    expect(decide('dove si pesca il salmone?')).toEqual({
      text: 'dove si pesca il salmone?',
      decision: 'none',
    });
    // a word the KB only uses in its prose qualifies the question instead of changing its subject
    expect(decide('passaporto urgente')).toMatchObject({
      decision: 'answer',
      id: 'rinvio-questura-passaporto',
    });
  });

  it('still answers the questions that are about the entry', () => {
    for (const [text, id] of [
      ['licenza pesca', 'licenza-pesca'],
      ['vorrei andare a pescare sul lago, cosa mi serve?', 'licenza-pesca'],
      ['cerco lavoro', 'centri-impiego'],
      ['ho perso il tesserino di caccia', 'tesserino-venatorio'],
    ] as const) {
      expect(decide(text)).toMatchObject({ text, id });
    }
  });
});

describe('chit-chat as likely as the best entry', () => {
  it('is off topic when chit-chat explains words the entry does not', () => {
    for (const text of [
      'dove si trova la stazione dei treni?',
      'serve un tesserino per raccogliere i funghi?',
    ]) {
      expect(decide(text)).toEqual({ text, decision: 'none' });
    }
    expect(decide('come arrivo in Provincia dalla stazione?')).toMatchObject({ id: 'orari-contatti' });
  });

  it('does not hide an entry that explains the same words as the chit-chat', () => {
    // "certificato" and "famiglia" are also chit-chat words (medical certificate, family doctor)
    expect(decide('certificato stato di famiglia')).toMatchObject({
      decision: 'answer',
      id: 'rinvio-comune-anagrafe',
    });
  });
});

describe('evidence of a synonym', () => {
  const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');
  const kb = loadKnowledgeBase(join(FIXTURES, 'kb'));
  const synonyms = SynonymDictionary.fromYaml('families:\n  - [licenza di pesca, pescare]\n');
  const fixtureSearch = new KnowledgeSearch(kb.entries, synonyms, { offTopicGuard: false });
  const best = (text: string) => fixtureSearch.explain(text).candidates[0];

  it('credits the question word the synonym stands for, once', () => {
    // "pescare" brings in "licenza": the entry is about one of the question's two words, not two of three
    const story = best('pescare ricetta');
    expect(story?.id).toBe('licenza-pesca');
    expect(story?.concepts).toBe(1);
    expect(story?.evidence).toBeLessThan(0.6);
    expect(best('pescare')?.evidence).toBe(1);
  });
});

describe('a one-word question', () => {
  it('asks which one when several entries of an area fit about as well', () => {
    expect(search.interpret('info ambiente')).toMatchObject({ decision: 'vague', area: 'ambiente' });
    expect(search.interpret('rifiuti').decision).toBe('vague');
  });

  it('answers when the word names one entry far better than the others', () => {
    expect(decide('tesserino')).toMatchObject({ decision: 'answer', id: 'tesserino-venatorio' });
    expect(decide('orari uffici provincia')).toMatchObject({ decision: 'answer', id: 'orari-contatti' });
  });
});

describe('a first-person story', () => {
  it('is judged by the words that say what it is about, not by when and who', () => {
    expect(
      decide(
        'Stamattina andando al lavoro ho visto un grosso ramo in mezzo alla provinciale dopo la pioggia, a chi lo dico?',
      ),
    ).toMatchObject({ decision: 'answer', id: 'segnalazioni-strade' });
    expect(
      decide('Mia madre è venuta a trovarmi e ha detto che il suo vicino scarica di nascosto nel fosso'),
    ).toMatchObject({ decision: 'answer', id: 'esposti-ambientali' });
    expect(
      decide('Non ho capito niente delle vostre risposte, posso parlare con qualcuno al telefono?'),
    ).toMatchObject({ decision: 'answer', id: 'linea-amica' });
    const terms = search.explain('ieri mio figlio dopo due anni').terms;
    expect(terms.map((t) => t.weight)).toEqual(terms.map(() => 0.3));
  });
});

describe('sports chatter', () => {
  it('is off topic, while a gym for the same sport is not', () => {
    expect(decide("stasera c'è la partita di basket?")).toEqual({
      text: "stasera c'è la partita di basket?",
      decision: 'none',
    });
    expect(decide('cerchiamo una palestra per gli allenamenti di basket')).toMatchObject({
      id: 'palestre-scolastiche',
    });
  });
});

describe('chit-chat idioms', () => {
  it('make a question that shares one word with an entry chit-chat', () => {
    for (const text of ['che tempo fa domani sul lago?', 'vai a quel paese']) {
      expect(decide(text)).toEqual({ text, decision: 'none' });
    }
  });

  it('leave alone the same words used otherwise, and questions about more than one word of an entry', () => {
    expect(decide('quanto tempo ci vuole per la licenza di pesca?')).toMatchObject({ id: 'licenza-pesca' });
    expect(decide("che tempo farà sulla strada provinciale per Esino? c'è ghiaccio?")).toMatchObject({
      id: 'segnalazioni-strade',
    });
  });
});
