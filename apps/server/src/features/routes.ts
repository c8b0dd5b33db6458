import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { loadAccount } from './accounts/accounts.service.ts';
import { contactTypesRoutes } from './contact-types/contact-types.routes.ts';
import { contactsRoutes } from './contacts/contacts.routes.ts';
import { loadContact } from './contacts/contacts.service.ts';
import { customFieldsRoutes } from './custom-fields/custom-fields.routes.ts';
import { photosRoutes } from './photos/photos.routes.ts';
import { recycleBinRoutes } from './recycle-bin/recycle-bin.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { tagsRoutes } from './tags/tags.routes.ts';
import { sharesRoutes } from './sharing/shares.routes.ts';
import { permissionsRoutes } from './permissions/permissions.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { recordHistoryRoutes } from './records/record-history.routes.ts';
import { dealsRoutes } from './deals/deals.routes.ts';
import { pipelinesRoutes } from './pipelines/pipelines.routes.ts';
import { cloneRoutes } from './clone.routes.ts';

/** Every feature's routes; a new feature adds one line here. */
export function featureRoutes(app: FastifyInstance, database: Database): void {
  const { db } = database;
  accountsRoutes(app, database);
  contactsRoutes(app, database);
  photosRoutes(app, db, (actor, module, id) => (module === 'accounts' ? loadAccount(db, actor, id) : loadContact(db, actor, id)));
  recycleBinRoutes(app, db);
  tagsRoutes(app, db);
  contactTypesRoutes(app, db);
  customFieldsRoutes(app, db);
  settingsRoutes(app, db);
  sharesRoutes(app, db);
  permissionsRoutes(app, db);
  auditRoutes(app, db);
  recordHistoryRoutes(app, db);
  dealsRoutes(app, database);
  pipelinesRoutes(app, db);
  cloneRoutes(app, db);
}
