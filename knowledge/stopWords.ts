/**
 * Stop words, accents folded (tokens are compared after `foldAccents`). Italian: articles,
 * prepositions, pronouns, auxiliaries and modal verbs, question words; they carry no topic.
 * The last lines are everyday words the KB does not use, which the typo corrector would
 * otherwise turn into KB words ("moglie" -> soglie, "mando" -> bando, "stare" -> stage).
 */
export const ITALIAN_STOP_WORDS: ReadonlySet<string> = new Set(
  `a ad al allo alla ai agli alle all da dal dallo dalla dai dagli dalle dall di del dello della
  dei degli delle dell d in nel nello nella nei negli nelle nell con col coi su sul sullo sulla
  sui sugli sulle sull per tra fra il lo la i gli le l un uno una un e ed o od oppure ma pero
  se che chi cui non ne ci vi si mi ti me te ce ve noi voi lui lei loro io tu egli esso essa essi
  esse mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro
  vostra vostri vostre questo questa questi queste quello quella quelli quelle quel quei quegli
  stesso stessa stessi stesse come cosa cos dove quando quanto quanta quanti quante quale quali
  qual perche poi gia ancora anche pure piu meno molto molta molti molte poco tanto tanta
  tutto tutta tutti tutte ogni qualche qualcosa qualcuno niente sempre mai ora adesso qui qua li
  ecc etc cioe invece quindi allora dunque solo soltanto circa
  sono sei e siamo siete era erano ero sara saranno essere stato stata stati state sia siano
  ho hai ha abbiamo avete hanno avere avuto aveva avevo avevamo abbia
  fa fare fatto faccio fanno faccia puo posso puoi possiamo potete possono potrei potere
  devo deve devi dobbiamo dovete devono dovrei dovere vorrei voglio vuole vogliamo vorremmo volere
  bisogna occorre serve servono va vanno vado
  c s m t n po no sì si ok okay grazie prego buongiorno buonasera salve ciao per favore perfavore
  x xke xche cmq nn capito capisco capire capisci sai so conosci conosco
  gente penso stare stavo mandare mando mandato mandata mandi dirmi torno papa moglie notte sera
  pezzo pezzi roba mondo vita contro tardi spesso basta forse grossa bello brutto basso bassa
  alto alta corto forte bianca metro cura favori uova fieno campi avesti avuta fosti fummo farai
  farei stia stavi stette spiegato parenti aprile`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the of to in on at by for from with about into over under after before and or but if
  not no is are was were be been being am do does did done have has had having can could may
  might must shall should will would i me my mine we us our you your he him his she her it its
  they them their this that these those there here what which who whom whose when where why how
  all any some each every more most other such only own same so than too very just also
  please thanks thank hello hi yes ok okay get got need want like s t d ll m re ve`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/**
 * Words that tell a citizen's story rather than name its topic: when, how long, who in the
 * family, what happened ("Ieri mio figlio è venuto a dirmi che da due anni..."). Searched with a
 * low weight like the generic words, so a long story is judged by the few words that say what
 * it is about.
 */
const STORY_WORDS = `anno anni mese mesi settimana settimane giorno giornata oggi ieri domani stamattina
  stasera stanotte dopo prima adesso subito appena scorso scorsa prossimo prossima
  gennaio febbraio marzo maggio giugno luglio agosto settembre ottobre novembre dicembre
  due tre quattro cinque sei sette otto nove dieci venti trenta cento mille
  dire detto dico dice dicono venuto venuta arrivato arrivata arrivati
  andare andato andata andando tornato tornata uscito uscita successo capita capitato
  chiesto chiesta credo sembra pensavo volevo sapevo piacerebbe farmi farlo fate funziona
  modo vero veramente direttamente dentro fuori sopra sotto
  bene male benissimo malissimo grosso grossa grande piccolo piccola enorme nuovo nuova vecchio vecchia
  figlio figlia marito padre madre nonno nonna fratello sorella cugino zio zia nipote amico
  signore signora`;

/**
 * Words that say a question is being asked but not what about ("info", "problema"), or ask
 * about an aspect of any procedure ("costo", "tempi"): searched
 * with a low weight, and not counted as topic words when deciding whether a question is vague.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `info informazione informazioni informazion notizie notizia problema problemi questione domanda
  domande aiuto aiutare aiutatemi aiutami help sapere chiedere chiedo richiesta richieste
  spiegare spiegazioni dettagli provincia provinciale provinciali lecco ufficio uffici pratica
  procedura procedimento cittadino cittadini grazie salve buongiorno ciao vorrei sapere
  trovo trova trovano trovare trovate trovi proprio propria propri proprie
  costo costa costi costano costare prezzo prezzi tempi tempo durata dura dura scadenza modulo moduli
  modulistica
  diventare diventa divento diventi diventano preparare prepara preparo chiamare chiama chiamo chiamano
  passare passa passano mettere metto mette portare porto prendere prendo prende
  information question problem issue province lecco office
  cost costs price prices fee fees free charge much many long time times take takes took taking
  ${STORY_WORDS}`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
