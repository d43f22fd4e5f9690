/**
 * What citizens chat about besides the Province's business, so that a question about the
 * weather or football does not land on the one entry that happens to share a word with it.
 * Each topic is indexed like an entry; when one of them ranks first, the question is off topic.
 * Words that also belong to procedures ("gara", "corsa", "tempo", "giorni") are left out.
 */
export interface OffTopicTopic {
  id: string;
  it: string;
  en: string;
}

export const OFF_TOPIC_PREFIX = '~offtopic:';

/**
 * Idioms of chit-chat made of words the search drops or weighs little ("che tempo fa": "che" and
 * "fa" are stop words, "tempo" a generic word), on lower-case text with accents folded. A question
 * with one of them is chit-chat unless an entry matches more than one of its words.
 */
export const CHAT_IDIOMS: readonly RegExp[] = [
  /\bche tempo (fa|fara|faceva|ha fatto|c e)\b/,
  /\bprevisioni (del tempo|meteo)\b/,
  /\bcome stai\b/,
  /\bvai a quel paese\b/,
  /\bbuon appetito\b/,
  /\bti amo\b/,
  /\bwhat s the weather\b/,
  /\bhow are you\b/,
];

export const OFF_TOPICS: readonly OffTopicTopic[] = [
  {
    id: 'bot',
    it: 'robot bot chatbot intelligenza artificiale macchina computer come ti chiami tuo nome quanti anni hai età chi ti ha creato chi sei sei vero chatgpt come stai tutto bene come va',
    en: 'robot bot chatbot artificial intelligence human machine computer your name how old are you age who made you who are you are you real chatgpt how are you',
  },
  {
    id: 'meteo',
    it: 'meteo che tempo fa che tempo farà pioggia piove pioverà neve nevica sole soleggiato nuvoloso caldo freddo temperatura gradi previsioni ombrello temporale vento grandine',
    en: 'weather forecast rain raining snow sunny cloudy hot cold temperature umbrella storm wind',
  },
  {
    id: 'sport',
    it: 'partita calcio squadra campionato inter milan juventus juve atalanta napoli roma lazio gol tifare tifoso tifi stadio serie a scudetto champions formula 1 olimpiadi tennis sinner basket pallacanestro pallavolo volley ciclismo giro d italia tour de france motogp rugby hockey classifica risultato della partita',
    en: 'football soccer match team league championship goal fan stadium tennis olympics formula one basketball volleyball cycling rugby hockey score',
  },
  {
    id: 'cibo',
    it: 'ristorante pizzeria pizza prenotare un tavolo ricetta cucinare cucina risotto polenta castagne pasta caffè bar mangiare cena pranzo colazione vino birra gelato aperitivo dolce torta',
    en: 'restaurant pizza recipe cook cooking food eat dinner lunch breakfast coffee wine beer ice cream',
  },
  {
    id: 'svago',
    it: 'musica canzone cantante film cinema serie tv netflix libro romanzo biblioteca videogioco giocare barzelletta battuta scherzo festival sanremo concerto televisione programma tv',
    en: 'music song singer movie film cinema tv series netflix book novel video game joke funny festival concert television',
  },
  {
    id: 'ora',
    it: 'che ore sono ora esatta orologio che giorno è oggi data di oggi calendario',
    en: 'what time is it clock what day is today date today',
  },
  {
    id: 'viaggi',
    it: 'taxi aereo volo voli aeroporto albergo hotel vacanza vacanze spiaggia mare montagna sciare biglietto concerto crociera',
    en: 'taxi plane flight flights airport hotel holiday holidays vacation beach sea mountain skiing cruise',
  },
  {
    id: 'offese',
    it: 'stupido idiota cretino scemo deficiente imbecille incapace inutile fai schifo ignorante somaro macchinetta rotta vaffanculo',
    en: 'stupid idiot dumb useless moron you suck',
  },
  {
    id: 'soldi',
    it: 'prestito prestami soldi regalami lotteria gratta e vinci bitcoin investire diventare ricco borsa azioni scommesse',
    en: 'lend me money loan lottery bitcoin invest stocks betting',
  },
  {
    id: 'cultura',
    it: 'capitale nazione stato presidente americano storia geografia matematica quanto fa radice quadrata chi ha inventato chi ha scritto chi ha vinto abitanti popolazione',
    en: 'capital country president history geography math maths how much is square root who invented who wrote who won',
  },
  {
    id: 'citta',
    it: 'parcheggio parcheggiare posteggio treno treni orario dei treni autobus metropolitana monopattino bicicletta noleggio corriera fermata farmacia di turno multa per eccesso di velocità autovelox divieto di sosta vigili urbani ospedale pronto soccorso',
    en: 'parking park train trains bus underground scooter bike rental pharmacy hospital',
  },
  {
    id: 'acquisti',
    it: 'comprare acquistare negozio supermercato centro commerciale compagnia telefonica gestore telefonico smartphone telefono nuovo cellulare nuovo offerta sconto saldi amazon consegna pacco vestiti scarpe',
    en: 'buy shop shopping store supermarket mall smartphone new phone discount sale amazon parcel delivery clothes shoes',
  },
  {
    id: 'persone',
    it: 'amore fidanzata fidanzato ti amo sposami amico amica mi annoio annoiato mi sento solo chiacchierare due chiacchiere triste felice colore preferito ti piace hobby',
    en: 'love girlfriend boyfriend i love you marry me friend bored sad happy lonely',
  },
  {
    id: 'salute',
    it: 'ospedale pronto soccorso medico di base medico di famiglia cambiare medico pediatra prenotare una visita cup ats asl asst vaccino vaccinazione tac risonanza magnetica esami del sangue certificato medico sportivo volontariato in ospedale croce rossa tampone ricetta farmaco farmaci dentista febbre raffreddore tosse mal di testa',
    en: 'hospital emergency room doctor family doctor gp paediatrician medical appointment vaccine vaccination scan blood test prescription medicine dentist fever cold headache',
  },
  {
    id: 'scuola',
    it: 'scuola elementare elementari prima elementare scuola primaria scuola media asilo asilo nido scuola materna università ateneo facoltà mensa scolastica bocciato bocciatura promosso maturità corso di inglese lezioni di inglese centro estivo grest oratorio doposcuola pagella compiti maestra scuolabus libri di testo',
    en: 'primary school elementary school nursery kindergarten university college enrol my child school canteen homework teacher school bus',
  },
  {
    id: 'fisco',
    it: 'dichiarazione dei redditi 730 irpef imu agenzia delle entrate commercialista caf spid aprire partita iva',
    en: 'tax return income tax revenue agency accountant spid open a vat number',
  },
  {
    id: 'casa',
    it: 'idraulico elettricista muratore imbianchino lavandino rubinetto perde wifi internet connessione vendere casa comprare casa agenzia immobiliare appartamento in affitto mutuo notaio rogito',
    en: 'plumber electrician sink tap leaking wifi internet connection sell my house buy a house estate agent flat to rent mortgage notary',
  },
  {
    id: 'tempo-libero',
    it: 'battello battelli navigazione traghetto funivia sci sciare pista da sci skipass seggiovia piscina abbonamento in palestra iscriversi in palestra palestra privata fitness funghi sentiero escursione trekking rifugio grignetta grigna resegone museo zoo parco giochi cane gatto veterinario',
    en: 'ferry cable car ski slope ski pass chairlift swimming pool museum zoo playground dog cat vet',
  },
  {
    id: 'lavoro-privato',
    it: 'il mio capo stipendio busta paga straordinari ferie sindacato tredicesima mobbing collega di lavoro',
    en: 'my boss salary payslip overtime paid leave union coworker',
  },
  {
    id: 'emergenze',
    it: 'vigili del fuoco pompieri carabiniere carabinieri arruolarsi esercito ambulanza 112 118 incendio ladri',
    en: 'fire brigade firefighters police officer army ambulance emergency number fire burglary',
  },
  {
    id: 'privati',
    it: 'divorzio separazione litigato litigio lite con il vicino vicino di casa siepe testamento carta di credito bancomat prelievo ufficio postale',
    en: 'divorce separation neighbour argument hedge will credit card cash machine post office',
  },
  {
    id: 'servizi-comunali',
    it: 'elezioni elettorale tessera elettorale seggio referendum candidati cimitero loculo funerale case popolari aler servizi sociali assistente sociale casa di riposo rsa bonus affitti permesso di costruire condono edilizio tessera dei mezzi pubblici abbonamento ai mezzi pubblici',
    en: 'elections polling station voter card referendum cemetery funeral social housing social services care home building permit public transport pass',
  },
];
