import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, CARD_ERROR_TO_API } from '../../src/api/errorCodes';
import { toApiError } from '../../src/api/errorMapping';
import { CardServiceError } from '../../src/services/types';
import { catalogues } from '../../renderer/src/i18n/messages';

describe('API error codes', () => {
  it('map every card-service code to an API code that both catalogues explain', () => {
    for (const [card, api] of Object.entries(CARD_ERROR_TO_API)) {
      expect(API_ERROR_CODES).toContain(api);
      expect(toApiError(new CardServiceError(card as keyof typeof CARD_ERROR_TO_API, 'detail')).code).toBe(api);
    }
    expect(CARD_ERROR_TO_API.ACCESS_DENIED).toBe('CARD_ACCESS_DENIED');
    for (const code of API_ERROR_CODES) {
      for (const lang of ['vi', 'en'] as const) expect((catalogues[lang] as Record<string, string>)[`error.${code}`], `${lang} error.${code}`).toBeTruthy();
    }
  });
});
