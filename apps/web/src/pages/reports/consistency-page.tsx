import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('consistency-page');
  return <h1>consistency-page</h1>;
}
