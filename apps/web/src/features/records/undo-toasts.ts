import { notifications } from '@mantine/notifications';
import { createUndoRegistry } from './undo-registry';

/** The undo toasts that are open (see undo-registry.ts); the router tells it where the user goes (app/router.tsx). */
export const undoToasts = createUndoRegistry((toastId) => notifications.hide(toastId));
