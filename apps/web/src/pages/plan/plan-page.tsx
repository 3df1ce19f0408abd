import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('plan-page');
  return <h1>plan-page</h1>;
}
