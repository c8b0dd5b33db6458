import type { Module } from '@kontor/contract/custom-fields';
import { accountsModule } from '../accounts/accounts.module.ts';
import { contactsModule } from '../contacts/contacts.module.ts';
import { dealsModule } from '../deals/deals.module.ts';
import { activitiesModule } from '../activities/activities.module.ts';
import { leadsModule } from '../leads/leads.module.ts';
import type { ModuleDescriptor } from './descriptor.ts';

/** Every record module, by key: the one registry the machinery and later features read. */
export const recordModules: { [M in Module]: ModuleDescriptor<M> } = {
  accounts: accountsModule,
  contacts: contactsModule,
  deals: dealsModule,
  activities: activitiesModule,
  leads: leadsModule,
};

export const descriptorOf = <M extends Module>(module: M): ModuleDescriptor<M> => recordModules[module];
