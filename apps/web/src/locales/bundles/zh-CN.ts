import shared from '../zh-CN.json';
import { buildTranslations, type Tree } from '../resources.ts';

export default buildTranslations('zh-CN', shared, import.meta.glob<Tree>('../../features/*/locales/zh-CN.json', { eager: true, import: 'default' }));
