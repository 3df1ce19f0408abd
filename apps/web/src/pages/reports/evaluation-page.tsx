import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('evaluation-page');
  return <h1>evaluation-page</h1>;
}
