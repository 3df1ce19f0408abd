import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built (issue 13). */
export default function Page() {
  usePageTitle('users-page');
  return <h1>users-page</h1>;
}
