import type { LightMyRequestResponse } from 'fastify';

/** How the permission matrix reads an answer (permission-matrix.ts): the record seen, hidden, or the action denied. */
export type Outcome = 'allowed' | 'hidden' | 'denied';

export const byStatus = (res: LightMyRequestResponse): Outcome =>
  res.statusCode < 300 ? 'allowed' : res.statusCode === 404 ? 'hidden' : res.statusCode === 403 ? 'denied' : (`status ${res.statusCode}: ${res.body}` as Outcome);
export const inBoard = (res: LightMyRequestResponse, id: string): Outcome =>
  res.statusCode === 200 ? (res.json<{ columns: Array<{ deals: Array<{ id: string }> }> }>().columns.some((c) => c.deals.some((d) => d.id === id)) ? 'allowed' : 'hidden') : byStatus(res);
export const inActivityBoard = (res: LightMyRequestResponse, id: string): Outcome =>
  res.statusCode === 200 ? (res.json<{ columns: Array<{ cards: Array<{ id: string }> }> }>().columns.some((c) => c.cards.some((d) => d.id === id)) ? 'allowed' : 'hidden') : byStatus(res);
export const inColumnPage = (res: LightMyRequestResponse, id: string): Outcome =>
  res.statusCode === 200 ? (res.json<{ cards: Array<{ id: string }> }>().cards.some((d) => d.id === id) ? 'allowed' : 'hidden') : byStatus(res);
/** The member accounts roll-up of a container every actor sees (a failed request counts nothing). */
export const rollUp = (res: LightMyRequestResponse) =>
  res.statusCode === 200 ? res.json<{ memberCount: number; contactCount: number; openDeals: { count: number } }>() : { memberCount: -1, contactCount: -1, openDeals: { count: -1 } };
export const inList = (res: LightMyRequestResponse, id: string): Outcome =>
  res.statusCode === 200 ? (res.json<{ data: Array<{ id: string }> }>().data.some((d) => d.id === id) ? 'allowed' : 'hidden') : byStatus(res);
