import { useTranslation } from 'react-i18next';
import { SimpleGrid, TextInput } from '@mantine/core';
import { AmountCurrencyInput } from '../deals/AmountCurrencyInput';
import type { DealValues } from './convert-choice';

/** The optional deal of a conversion: name, amount and currency, expected close date (it goes to the default pipeline's first stage). */
export function ConvertDealFields({ values: d, onChange, errors }: { values: DealValues; onChange: (patch: Partial<DealValues>) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" spacing="sm">
      <TextInput label={t('fields.name')} value={d.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={errors['createDeal.name']} required data-testid="convert-deal-name" style={{ gridColumn: '1 / -1' }} />
      <AmountCurrencyInput
        amount={d.amount}
        currency={d.currency}
        onAmount={(amount) => onChange({ amount })}
        onCurrency={(currency) => onChange({ currency })}
        errors={{ amount: errors['createDeal.amount'], currency: errors['createDeal.currency'] }}
        testIds={{ amount: 'convert-deal-amount', currency: 'convert-deal-currency' }}
      />
      <TextInput
        type="date"
        label={t('deals.fields.expectedCloseDate')}
        value={d.expectedCloseDate}
        onChange={(e) => onChange({ expectedCloseDate: e.currentTarget.value })}
        error={errors['createDeal.expectedCloseDate']}
        data-testid="convert-deal-close-date"
      />
    </SimpleGrid>
  );
}
