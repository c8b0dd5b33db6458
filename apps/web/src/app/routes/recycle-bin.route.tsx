import { createLazyRoute } from '@tanstack/react-router';
import { RecycleBinPage } from '../../features/recycle-bin/RecycleBinPage';

export const Route = createLazyRoute('/app/recycle-bin')({ component: RecycleBinPage });
