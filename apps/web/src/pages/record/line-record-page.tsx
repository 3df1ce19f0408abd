import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built (issue 13). */
export default function Page() {
  usePageTitle('line-record-page');
  return <h1>line-record-page</h1>;
}
