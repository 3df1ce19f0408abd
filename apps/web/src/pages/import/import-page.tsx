import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built (issue 13). */
export default function Page() {
  usePageTitle('import-page');
  return <h1>import-page</h1>;
}
