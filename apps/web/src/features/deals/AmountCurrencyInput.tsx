import { useTranslation } from 'react-i18next';
import { Group, NumberInput, Select } from '@mantine/core';
import { currencyFilter, currencyOptionLabel, currencyOptions } from './currency';

interface Props {
  amount: number | string;
  currency: string;
  onAmount: (amount: number | string) => void;
  onCurrency: (currency: string) => void;
  errors: { amount?: string; currency?: string };
  /** Test ids of the two inputs. */
  testIds: { amount: string; currency: string };
}

/** A deal's amount and its currency side by side (the currency list finds codes and names in the user's language). */
export function AmountCurrencyInput({ amount, currency, onAmount, onCurrency, errors, testIds }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <NumberInput
        label={t('deals.fields.amount')}
        value={amount}
        onChange={onAmount}
        error={errors.amount}
        allowNegative={false}
        decimalScale={2}
        thousandSeparator=" "
        hideControls
        style={{ flex: 1, minWidth: 0 }}
        data-testid={testIds.amount}
      />
      <Select
        label={t('deals.fields.currency')}
        data={currencyOptions(currency)}
        value={currency}
        onChange={(x) => x && onCurrency(x)}
        error={errors.currency}
        searchable
        allowDeselect={false}
        w={110}
        comboboxProps={{ width: 260, position: 'bottom-end' }}
        renderOption={({ option }) => currencyOptionLabel(option.value)}
        filter={currencyFilter}
        nothingFoundMessage={t('common.nothingFound')}
        data-testid={testIds.currency}
      />
    </Group>
  );
}
