import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('reconciliation-page');
  return <h1>reconciliation-page</h1>;
}
