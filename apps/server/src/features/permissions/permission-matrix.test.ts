import { definePermissionMatrix } from './permission-matrix.ts';

// Accounts, contacts and deals; leads and activities run in permission-matrix-activities.test.ts beside this file.
definePermissionMatrix(['contacts', 'accounts', 'deals']);
