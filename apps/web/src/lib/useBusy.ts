import { useCallback, useState } from 'react';

/** A flag that is on while an async action runs; a failure of the action goes to `onError`. */
export function useBusy() {
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<void>, onError: (e: unknown) => void) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
