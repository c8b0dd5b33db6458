import { useState } from 'react';

/**
 * A multi-value picker in a dialog whose list closes after each pick, so it never stays over the dialog's buttons;
 * typing or clicking the input opens it again. Spread the result onto a MultiSelect or TagsInput.
 */
export function useCloseAfterPick(enabled = true) {
  const [opened, setOpened] = useState(false);
  if (!enabled) return { picked: () => undefined, props: {} };
  return {
    picked: () => setOpened(false),
    props: { dropdownOpened: opened, onDropdownOpen: () => setOpened(true), onDropdownClose: () => setOpened(false) },
  };
}
