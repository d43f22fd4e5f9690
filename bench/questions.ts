/** Realistic citizen questions for rows c, d and the soak, rotated so no answer is cached by position. */
export const QUESTIONS: readonly string[] = [
  'come si rinnova la licenza di pesca',
  'passo carraio sulla provinciale',
  'quanto costa il tesserino per la caccia',
  'orari di apertura degli uffici della provincia',
  'devo installare un cartello pubblicitario lungo la strada provinciale',
  'come mi iscrivo al collocamento mirato',
  'autorizzazione per una gara ciclistica su strada',
  'dove si fa il controllo della caldaia',
  'vorrei fare accesso agli atti di una pratica',
  'come pago con pagoPA la concessione',
  'esame per diventare autotrasportatore',
  'che documenti servono per un trasporto eccezionale',
];
