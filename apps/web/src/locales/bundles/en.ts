import shared from '../en.json';
import { buildTranslations, type Tree } from '../resources.ts';

export default buildTranslations('en', shared, import.meta.glob<Tree>('../../features/*/locales/en.json', { eager: true, import: 'default' }));
