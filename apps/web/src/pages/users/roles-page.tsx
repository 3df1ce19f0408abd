import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built (issue 13). */
export default function Page() {
  usePageTitle('roles-page');
  return <h1>roles-page</h1>;
}
