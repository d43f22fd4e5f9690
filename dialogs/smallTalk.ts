import { foldForMatch, wordCount } from './textMatch';

/** Messages that are not questions about a procedure. */
export type SmallTalk =
  'greeting' | 'thanks' | 'goodbye' | 'insult' | 'help' | 'identity' | 'operator' | 'cancel' | 'rate';

// Whole-message patterns on folded text: a greeting followed by a real question is a question.
const WHOLE: Array<[SmallTalk, RegExp]> = [
  [
    'operator',
    /^(\/?operatore|\/?operator|(voglio|vorrei|posso|devo|fammi|mi fai|puoi farmi) (parlare|chattare|scrivere) (con|a) (un |una |l )?(operatore|operatrice|persona|umano|essere umano|impiegato|qualcuno)( vero| reale| in carne e ossa)?( per favore| grazie)?|(un |una )?(operatore|operatrice|persona reale|persona vera|essere umano)( per favore| grazie)?|parla(re)? con (un |una )?(operatore|operatrice|persona)|(i want to |i would like to |i d like to |i need to |can i |could i |may i |let me )?(talk|speak|chat) (to|with) (a |an )?(human|person|operator|agent|someone|somebody)( please)?|i (want|need) (a |an )?(human|person|operator)( please)?|human|agent)$/,
  ],
  ['cancel', /^(\/?annulla|annullare|lascia (stare|perdere)|basta cosi|stop|cancel|\/?cancel)$/],
  [
    'rate',
    /^(\/?valuta|valutazione|voglio valutare|vorrei valutare|lascia(re)? una valutazione|rate|\/?rate)$/,
  ],
  [
    'help',
    /^(\/?aiuto|help|\/help|cosa sai fare|che cosa sai fare|cosa puoi fare|come funziona|come funzioni|istruzioni|\/start|what can you do|do you speak english|can you speak english|parli inglese|english|english please|in english( please)?|in inglese)( \?)?$/,
  ],
  [
    'identity',
    /^(chi sei( tu)?|cosa sei|che cosa sei|sei (un |una )?(robot|bot|chatbot|umano|essere umano|persona( vera| reale)?|programma|macchina)|come ti chiami|con chi (sto parlando|parlo)|who are you|what are you|are you (a )?(robot|bot|chatbot|human|real person|person|machine)|what is your name|what s your name)$/,
  ],
  [
    'thanks',
    /^((ok |ah |va bene |perfetto |ottimo )?(grazie|grazie mille|grazie tante|molte grazie|ti ringrazio|la ringrazio|thanks|thank you|thx|many thanks)( mille| tante| per l aiuto| per le informazioni| ciao| arrivederci| buona giornata| a presto)*|ok grazie|perfetto|ottimo|gentilissim[oa])$/,
  ],
  [
    'goodbye',
    /^(arrivederci|ciao ciao|addio|a presto|buona giornata|buona serata|buonanotte|bye|goodbye|see you|ho finito|basta|ok basta|termina|fine|chiudi|chiudere la chat|end)$/,
  ],
  [
    'greeting',
    /^(ciao|salve|buongiorno|buon giorno|buonasera|buona sera|buon pomeriggio|hey|ehi|hello|hi|good morning|good afternoon|good evening)( a tutti| bot| assistente)?$/,
  ],
];

// Insults and abuse anywhere in a short message.
const INSULT =
  /\b(stupid[oa]|idiota|cretin[oa]|scem[oa]|imbecille|deficiente|inutile|incapace|fai schifo|fate schifo|schifo|vaffanculo|fanculo|merda|stronz[oa]|coglion[ei]|useless|stupid|idiot|dumb|shit|fuck)\b/;

/** Recognises small talk; undefined when the message should be treated as a question. */
export function detectSmallTalk(text: string): SmallTalk | undefined {
  const folded = foldForMatch(text);
  if (folded === '') return undefined;
  for (const [kind, re] of WHOLE) if (re.test(folded)) return kind;
  if (wordCount(text) <= 8 && INSULT.test(folded)) return 'insult';
  return undefined;
}
