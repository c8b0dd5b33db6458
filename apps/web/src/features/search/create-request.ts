import { useEffect, useSyncExternalStore } from 'react';
import type { SearchModule } from '@kontor/contract/search';

/**
 * "New contact" in the command palette hands the request to the list page, which owns the create form. The hand-off
 * is a one-shot value in memory rather than a URL flag: each list page passes its whole URL search to the list API and
 * the query key, so a flag there would leak into both, and a reload would open the form again.
 */
let pending: SearchModule | null = null;
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const snapshot = () => pending;

/** Asks the list page of `module` to open its create form (now if it is shown, else when it mounts). */
export function requestCreate(module: SearchModule): void {
  pending = module;
  for (const l of listeners) l();
}

/** Takes the request for `module`, if there is one: it is answered once. */
export function takeCreateRequest(module: SearchModule): boolean {
  if (pending !== module) return false;
  pending = null;
  for (const l of listeners) l();
  return true;
}

/** A list page: opens its create form when the palette asks for it (`open` undefined: the user may not create). */
export function useCreateRequest(module: SearchModule, open: (() => void) | undefined): void {
  const requested = useSyncExternalStore(subscribe, snapshot, snapshot) === module;
  useEffect(() => {
    if (requested && takeCreateRequest(module)) open?.();
  }, [requested, module, open]);
}
