import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Text, UnstyledButton } from '@mantine/core';

/** The query language (seed 002, ONLYOFFICE) by example, as the search tips show it. */
const examples = ['Sm?th', 'O*', '"exact phrase"', 'Jonson~', 'email:*@acme.com', 'city:Berlin', 'tag:vip', '-term'] as const;
type Example = (typeof examples)[number];

function explanation(t: TFunction, example: Example): string {
  switch (example) {
    case 'Sm?th':
      return t('search.tips.oneCharacter');
    case 'O*':
      return t('search.tips.anyCharacters');
    case '"exact phrase"':
      return t('search.tips.phrase');
    case 'Jonson~':
      return t('search.tips.fuzzy');
    case 'email:*@acme.com':
      return t('search.tips.emailField');
    case 'city:Berlin':
      return t('search.tips.cityField');
    case 'tag:vip':
      return t('search.tips.tagField');
    case '-term':
      return t('search.tips.exclude');
  }
}

/**
 * The search tips: each example with what it does. Pressing an example puts it in the search field (`onPick`), so a
 * user can try it at once.
 */
export function SearchTips({ id, onPick }: { id: string; onPick: (example: string) => void }) {
  const { t } = useTranslation();
  return (
    <div id={id} className="k-search-tips" data-testid="search-tips">
      <Text size="xs" c="dimmed" mb={6}>
        {t('search.tips.intro')}
      </Text>
      <dl className="k-search-tips-grid">
        {examples.map((example) => (
          <div key={example} className="k-search-tips-row">
            <dt>
              <UnstyledButton className="k-search-code" onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(example)} aria-label={t('search.tips.tryExample', { example })}>
                {example}
              </UnstyledButton>
            </dt>
            <dd>{explanation(t, example)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
