import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('line-page');
  return <h1>line-page</h1>;
}
