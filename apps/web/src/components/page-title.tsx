import { useEffect } from 'react';

/** Sets the document title (what a screen reader announces and a browser tab shows). */
export function usePageTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter(Boolean), 'Renja Ledger'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
