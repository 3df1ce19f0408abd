/** The two time axes of every view, carried in the URL so a pasted link reopens the same view. */
export interface AsOf {
  validAt?: string;
  knownAt?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** The dates of a URL's query, kept only when well formed (the route loaders read them the same way). */
export function parseAsOf(params: URLSearchParams): AsOf {
  const validAt = params.get('validAt') ?? undefined;
  const knownAt = params.get('knownAt') ?? undefined;
  return {
    validAt: validAt && DATE.test(validAt) ? validAt : undefined,
    knownAt: knownAt && TIMESTAMP.test(knownAt) ? knownAt : undefined,
  };
}
