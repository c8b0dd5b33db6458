import type { CSSProperties } from 'react';
import { Avatar } from '@mantine/core';
import { initials, type InitialsKind } from '@kontor/contract/initials';

/** One or two CJK characters need a smaller type than two Latin capitals to sit inside the circle. */
const cjkScale = (text: string) => (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text) && Array.from(text).length > 1 ? 0.85 : 1);

/**
 * The record's photo / logo, or its initials on a colour derived from the name. Initials come from the name's
 * distinctive words (contract `initials.ts`): an organisation skips legal forms and stop words ("Müller & Söhne
 * GmbH" -> MS, 北京字节跳动科技有限公司 -> 北京), a person shows given and family initials or, written in Chinese,
 * Japanese or Korean, the family name's character (李丹 -> 李).
 */
export function RecordAvatar({ name, photoUrl, size = 26, radius, kind = 'person' }: { name: string; photoUrl: string | null; size?: number; radius?: string | number; kind?: InitialsKind }) {
  const text = initials(name, kind);
  return (
    <Avatar src={photoUrl ?? undefined} alt={name} size={size} radius={radius ?? 'xl'} name={name} color="initials" data-testid="record-avatar" data-initials={text}>
      <span style={{ fontSize: `${cjkScale(text)}em` }}>{text}</span>
    </Avatar>
  );
}

/** A user's avatar (owner, the signed-in user): initials by the same rule as a contact's. */
export function UserAvatar({ name, size, style, 'aria-label': ariaLabel }: { name: string; size: number; style?: CSSProperties; 'aria-label'?: string }) {
  return (
    <Avatar size={size} name={name} color="initials" style={style} aria-label={ariaLabel}>
      {initials(name, 'person')}
    </Avatar>
  );
}
