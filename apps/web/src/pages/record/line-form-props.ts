/** What every form of a line gets from the page: where to write, the version seen, what to do after. */
export interface LineFormProps {
  linePath: string;
  /** The line version the user saw when the form opened: sent as If-Match. */
  seenVersion: number;
  /** After a success: the line's new version (the form stays open for the next entry). */
  onSaved: (version: number) => void;
  /** After a 412: read the line again and adopt its version. */
  onReload: () => void;
}
