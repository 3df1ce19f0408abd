import type { FeatureMessages } from '../../i18n/feature-messages';

/** Messages of the record pages: Indonesian (default) and English, the same keys in both. */
const id = {} as const;

export const messages: FeatureMessages<typeof id> = { id, en: {} };
