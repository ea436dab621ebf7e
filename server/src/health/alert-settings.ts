import { alertSettingsSchema, type AlertSettings } from '../contracts/integration-health.js';
import type { Db } from '../storage/database.js';
import { fromJson } from '../storage/json-column.js';
import { settingsRepo } from '../storage/settings-repo.js';

const key = 'alert_settings';
const none: AlertSettings = { smtpConnectionId: null, recipients: [] };

/** Who is mailed about integration alerts and through which SMTP account; nobody until an owner sets one. */
export async function readAlertSettings(db: Db): Promise<AlertSettings> {
  const parsed = alertSettingsSchema.safeParse(fromJson((await settingsRepo.get(db, key)) ?? null));
  return parsed.success ? parsed.data : none;
}

export async function writeAlertSettings(db: Db, settings: AlertSettings): Promise<void> {
  await settingsRepo.put(db, key, JSON.stringify(settings));
}
