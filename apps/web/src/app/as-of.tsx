import { Link, useSearchParams, type LinkProps } from 'react-router';
import { parseAsOf, type AsOf } from './as-of-params';

export { parseAsOf, type AsOf };

export function useAsOf(): AsOf & { isPast: boolean; search: string } {
  const [params] = useSearchParams();
  const asOf = parseAsOf(params);
  return { ...asOf, isPast: !!(asOf.validAt || asOf.knownAt), search: asOfSearch(asOf) };
}

export function asOfSearch(asOf: AsOf): string {
  const params = new URLSearchParams();
  if (asOf.validAt) params.set('validAt', asOf.validAt);
  if (asOf.knownAt) params.set('knownAt', asOf.knownAt);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A link inside the workbench that keeps the current validAt/knownAt (plus any query of its own). */
export function AsOfLink({ to, ...rest }: Omit<LinkProps, 'to'> & { to: string }) {
  const { search } = useAsOf();
  const [beforeHash, hash] = to.split('#');
  const [path, own] = beforeHash.split('?');
  const merged = new URLSearchParams(search);
  new URLSearchParams(own ?? '').forEach((value, key) => merged.set(key, value));
  const query = merged.toString();
  return <Link to={`${path}${query ? `?${query}` : ''}${hash !== undefined ? `#${hash}` : ''}`} {...rest} />;
}
