/** The bot's own sentences, in Italian and English (citizen-facing). */
export type Lang = 'it' | 'en';

export const TEXTS = {
  greeting: {
    it: (privacyUrl: string) =>
      "Buongiorno, sono l'assistente virtuale della **Provincia di Lecco**. " +
      'Posso darti informazioni sui procedimenti della Provincia (trasporti, strade, ambiente, caccia e pesca, lavoro e altro): ' +
      'scrivi la tua domanda con parole tue.\n\n' +
      'Se preferisci parlare con una persona di Linea Amica scrivi **operatore**. ' +
      `Leggi l'[informativa privacy](${privacyUrl}) prima di scrivere dati personali.`,
    en: (privacyUrl: string) =>
      "Hello, I am the virtual assistant of the **Province of Lecco**. I can tell you about the Province's procedures " +
      '(transport, roads, environment, hunting and fishing, employment and more): just ask in your own words.\n\n' +
      'To talk to a Linea Amica operator write **operator**. ' +
      `Please read the [privacy notice](${privacyUrl}) before writing personal data.`,
  },
  fallback: {
    it: 'Mi dispiace, non ho ancora informazioni su questo. Prova a riformulare la domanda con altre parole, oppure contatta la Provincia: centralino 0341 295111, PEC provincia.lecco@lc.legalmail.camcom.it.',
    en: "I'm sorry, I don't have information about this yet. Try rephrasing your question, or contact the Province: switchboard +39 0341 295111, PEC provincia.lecco@lc.legalmail.camcom.it.",
  },
  turnError: {
    it: 'Mi dispiace, si è verificato un errore e non ho potuto completare la risposta. Puoi riscrivere la domanda?',
    en: 'Sorry, something went wrong and I could not finish my answer. Could you ask again?',
  },
} as const;

/** English when the client's locale says so; the dialogs refine this from the text. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'it';
}
