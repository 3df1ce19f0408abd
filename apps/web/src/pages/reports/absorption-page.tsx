import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('absorption-page');
  return <h1>absorption-page</h1>;
}
