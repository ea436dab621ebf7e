import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';
import { airtablePack } from './airtable/airtable-pack.js';
import { asanaPack } from './asana/asana-pack.js';
import { crispPack } from './crisp/crisp-pack.js';
import { githubPack } from './github/github-pack.js';
import { gmailPack } from './gmail/gmail-pack.js';
import { googleSheetsPack } from './google-sheets/google-sheets-pack.js';
import { hubspotPack } from './hubspot/hubspot-pack.js';
import { intercomPack } from './intercom/intercom-pack.js';
import { mondayPack } from './monday/monday-pack.js';
import { notionPack } from './notion/notion-pack.js';
import { ntfyPack } from './ntfy/ntfy-pack.js';
import { resendPack } from './resend/resend-pack.js';
import { salesforcePack } from './salesforce/salesforce-pack.js';
import { smtpPack } from './smtp/smtp-pack.js';
import { posthogPack } from './posthog/posthog-pack.js';
import { quickbooksPack } from './quickbooks/quickbooks-pack.js';
import { sendgridPack } from './sendgrid/sendgrid-pack.js';
import { sentryPack } from './sentry/sentry-pack.js';
import { shopifyPack } from './shopify/shopify-pack.js';
import { slackPack } from './slack/slack-pack.js';
import { stripePack } from './stripe/stripe-pack.js';
import { xeroPack } from './xero/xero-pack.js';

/** The packs shipped with Switchyard, installed like any imported pack (they pass the same validator). */
export const builtInPacks: readonly PackManifestInput[] = [
  ntfyPack,
  slackPack,
  githubPack,
  stripePack,
  sentryPack,
  posthogPack,
  smtpPack,
  resendPack,
  sendgridPack,
  googleSheetsPack,
  gmailPack,
  // Tier 2: one line per pack, in any order.
  intercomPack,
  salesforcePack,
  hubspotPack,
  notionPack,
  airtablePack,
  quickbooksPack,
  xeroPack,
  shopifyPack,
  crispPack,
  asanaPack,
  mondayPack,
];
