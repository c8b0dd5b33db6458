import { useEffect } from 'react';
import { useRouter } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/States';

/**
 * A merged record's address (issue #16): the API answers its survivor (a 307 the browser follows), so the record that
 * came back has another id than the page asked for. The page moves to the survivor's address, replacing the old one
 * in the history, so Back does not return to the tombstone.
 */
export function MergedRedirect({ module, to }: { module: string; to: string }) {
  const router = useRouter();
  useEffect(() => {
    void router.navigate({ to: `/${module}/${to}`, replace: true });
  }, [router, module, to]);
  return <PageSkeleton />;
}
