import { usePageTitle } from '../../components/page-title';

/** Placeholder until the page is built. */
export default function Page() {
  usePageTitle('changes-page');
  return <h1>changes-page</h1>;
}
