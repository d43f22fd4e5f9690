// natural's sub-modules have no typings of their own; importing them directly avoids loading the
// whole library (about a second, and dotenv output) for the two stemmers and TfIdf we use.
declare module 'natural/lib/natural/stemmers/porter_stemmer_it' {
  const stemmer: { stem(token: string): string };
  export = stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const stemmer: { stem(token: string): string };
  export = stemmer;
}
declare module 'natural/lib/natural/tfidf/tfidf' {
  class TfIdf {
    addDocument(document: string | string[], key?: string): void;
    tfidfs(
      terms: string | string[],
      callback?: (index: number, measure: number, key?: string) => void,
    ): number[];
  }
  export = TfIdf;
}
