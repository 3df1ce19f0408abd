import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built (issue 13). */
export default function Page() {
  usePageTitle('office-record-page');
  return <h1>office-record-page</h1>;
}
