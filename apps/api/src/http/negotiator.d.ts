/**
 * The part of negotiator 1.x (Express 5's own content negotiation, which the compression middleware also uses)
 * that compress-answers.ts calls. @types/negotiator describes 0.6, without the `preferred` option.
 */
declare module 'negotiator' {
  class Negotiator {
    constructor(request: { headers: Record<string, string | string[] | undefined> });
    /** The client's most preferred of `available`; among equal weights, the first of `preferred`. */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
  }
  export = Negotiator;
}
