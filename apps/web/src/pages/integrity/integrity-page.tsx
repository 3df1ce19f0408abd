import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('integrity-page');
  return <h1>integrity-page</h1>;
}
