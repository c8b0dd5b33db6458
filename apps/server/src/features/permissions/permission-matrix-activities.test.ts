import { definePermissionMatrix } from './permission-matrix.ts';

// Leads and activities (with the notes and files on leads); accounts, contacts and deals in permission-matrix.test.ts.
definePermissionMatrix(['leads', 'activities']);
