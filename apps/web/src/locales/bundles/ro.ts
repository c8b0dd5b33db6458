import shared from '../ro.json';
import { buildTranslations, type Tree } from '../resources.ts';

export default buildTranslations('ro', shared, import.meta.glob<Tree>('../../features/*/locales/ro.json', { eager: true, import: 'default' }));
