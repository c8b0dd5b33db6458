import { lazy, Suspense, type ComponentProps } from 'react';

/*
 * The duplicates UI is one chunk, the duplicates pages' route chunk, fetched when first needed: by those pages, a
 * record form's warning, a merge started from a record page, or a `merged` event in a timeline. One chunk rather than
 * one per piece: each lazy chunk splits the shared chunks the first pages load further, and the sign-in page and the
 * accounts list have no room left for that (apps/web/check-bundle.mjs: 403 kB with four chunks, 399 kB with one).
 */
const ui = () => import('../../app/routes/duplicates.route');

const DuplicateWarning = lazy(() => ui().then((m) => ({ default: m.DuplicateWarning })));
const MergeDialog = lazy(() => ui().then((m) => ({ default: m.MergeDialog })));
const MergeUndoAction = lazy(() => ui().then((m) => ({ default: m.MergeUndoAction })));

export function LazyDuplicateWarning(props: ComponentProps<typeof DuplicateWarning>) {
  return (
    <Suspense fallback={null}>
      <DuplicateWarning {...props} />
    </Suspense>
  );
}
export function LazyMergeDialog(props: ComponentProps<typeof MergeDialog>) {
  return (
    <Suspense fallback={null}>
      <MergeDialog {...props} />
    </Suspense>
  );
}
export function LazyMergeUndoAction(props: ComponentProps<typeof MergeUndoAction>) {
  return (
    <Suspense fallback={null}>
      <MergeUndoAction {...props} />
    </Suspense>
  );
}
