import shared from '../de.json';
import { buildTranslations, type Tree } from '../resources.ts';

export default buildTranslations('de', shared, import.meta.glob<Tree>('../../features/*/locales/de.json', { eager: true, import: 'default' }));
