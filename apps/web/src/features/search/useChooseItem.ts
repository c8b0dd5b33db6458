import { useNavigate } from '@tanstack/react-router';
import type { SearchHit, SearchType } from '@kontor/contract/search';
import type { ResultItem } from './items';

/** What choosing a row does: a record opens its page, "show all" the filtered list, a command runs. */
export function useChooseItem(done: () => void): (item: ResultItem) => void {
  const navigate = useNavigate();
  const openHit = (hit: SearchHit) => {
    switch (hit.type) {
      case 'contact':
        return navigate({ to: '/contacts/$contactId', params: { contactId: hit.id } });
      case 'account':
        return navigate({ to: '/accounts/$accountId', params: { accountId: hit.id } });
      case 'lead':
        return navigate({ to: '/leads/$leadId', params: { leadId: hit.id } });
      case 'deal':
        return navigate({ to: '/deals/$dealId', params: { dealId: hit.id } });
    }
  };
  // the lists take the same query language in `q`; deals show it in their list (the board has no name filter)
  const openList = (type: SearchType, q: string) => {
    switch (type) {
      case 'contact':
        return navigate({ to: '/contacts', search: { q } });
      case 'account':
        return navigate({ to: '/accounts', search: { q } });
      case 'lead':
        return navigate({ to: '/leads', search: { q } });
      case 'deal':
        return navigate({ to: '/deals', search: { q, view: 'list' } });
    }
  };
  return (item) => {
    done();
    if (item.kind === 'command') item.command.run();
    else if (item.kind === 'hit') void openHit(item.hit);
    else void openList(item.type, item.q);
  };
}
