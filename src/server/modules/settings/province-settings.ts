import { eq } from 'drizzle-orm';
import { DEFAULT_PROVINCE } from '../../../shared/domain/province.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

export type ProvinceIdentity = { name: string; abbreviation: string };

/** Province name and abbreviation (吉林省 / 吉); written at installation. */
export async function getProvinceSettings(exec: Executor): Promise<ProvinceIdentity> {
  const [row] = await exec.select().from(settings).where(eq(settings.key, 'province'));
  const value = row?.value as ProvinceIdentity | undefined;
  return { name: value?.name ?? DEFAULT_PROVINCE.name, abbreviation: value?.abbreviation ?? DEFAULT_PROVINCE.abbreviation };
}
