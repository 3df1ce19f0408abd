/** A feature's catalogue: Indonesian first, English with exactly the same keys (checked by the type). */
export interface FeatureMessages<T extends Record<string, string>> {
  id: T;
  en: { [K in keyof T]: string };
}
