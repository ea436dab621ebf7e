import { definePack } from '../define-pack.js';
import { commentSample, issueSample, releaseSample } from './sentry-samples.js';
import { sentryTriggers } from './sentry-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#362d59"/>' +
  '<path d="M12 4.5 19.5 18h-4.2a5.6 5.6 0 0 0-5.5-5.9M12 4.5 8.4 11a9.3 9.3 0 0 1 5.1 7H11M12 4.5 4.5 18h3" stroke="#fff" stroke-width="1.6" fill="none" stroke-linejoin="round"/></svg>';

// Sentry's issue endpoints live under the organization (docs.sentry.io/api/events/update-an-issue/).
const issuePath = '/organizations/{{connection.organization}}/issues/{{input.issue_id}}/';

const issueId = {
  key: 'issue_id',
  label: 'Issue ID',
  required: true,
  placeholder: '1170820242',
  description: 'The numeric issue id: the number in the issue’s address, or data.issue.id of a Sentry trigger.',
};

/**
 * Sentry (https://docs.sentry.io/api/): triage issues (resolve, archive, assign, comment), create releases,
 * and start recipes from its integration-platform webhooks. The server is a connection field, so sentry.io,
 * its EU region and self-hosted Sentry work alike.
 */
export const sentryPack = definePack({
  id: 'sentry',
  name: 'Sentry',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Triage Sentry issues, record releases, and react to new issues, errors, comments and alerts.',
  homepage: 'https://sentry.io',
  icon,
  baseUrl: '{{connection.base_url}}/api/0',
  auth: {
    kind: 'bearer',
    token: '{{connection.auth_token}}',
    fields: [
      {
        key: 'base_url',
        label: 'Sentry URL',
        type: 'url',
        required: true,
        default: 'https://sentry.io',
        description: 'https://sentry.io (https://de.sentry.io for organizations stored in the EU), or the address of your self-hosted Sentry.',
      },
      {
        key: 'organization',
        label: 'Organization slug',
        required: true,
        placeholder: 'acme',
        description: 'The name in your Sentry address: acme.sentry.io, or sentry.io/organizations/acme/.',
      },
      {
        key: 'auth_token',
        label: 'Auth token',
        required: true,
        secret: true,
        placeholder: 'sntrys_…',
        description:
          'Settings → Developer Settings → Custom Integrations → your internal integration → Tokens (or a personal token). Needs Issue & Event: Read & Write, Release: Admin and Organization: Read.',
      },
      {
        key: 'client_secret',
        label: 'Client secret (for triggers)',
        secret: true,
        description: 'The internal integration’s Client Secret: Sentry signs every webhook with it. Needed only by the triggers.',
      },
    ],
    // Answers 401 for a bad token and 403/404 for an organization the token cannot see.
    test: { method: 'GET', path: '/organizations/{{connection.organization}}/' },
  },
  // Sentry answers errors as { "detail": "…" }; field problems as { "<field>": ["…"] }.
  errors: {
    message: 'detail',
    byStatus: {
      '400': 'Sentry refused the values sent: {{body | json}}',
      '401': 'Sentry refused the auth token (HTTP 401); create a new one and update the connection.',
      '403': 'The auth token may not do this (HTTP 403: {{body.detail}}); give the integration the needed permission.',
      '404': 'Sentry found no such issue, release or organization (HTTP 404: {{body.detail}}).',
    },
  },
  actions: [
    {
      key: 'update-issue',
      name: 'Update issue',
      description: 'Changes an issue’s status (resolve, unresolve, archive) or flags; only the fields you fill are changed.',
      input: [
        issueId,
        {
          key: 'status',
          label: 'Status',
          type: 'select',
          choices: [
            { label: 'Resolved', value: 'resolved' },
            { label: 'Resolved in the next release', value: 'resolvedInNextRelease' },
            { label: 'Unresolved', value: 'unresolved' },
            { label: 'Archived (ignored)', value: 'ignored' },
          ],
        },
        {
          key: 'status_details',
          label: 'Status details',
          type: 'json',
          placeholder: '{ "inRelease": "latest" }',
          description:
            'Optional, as Sentry documents it: inRelease, inNextRelease, inCommit, or for archiving ignoreDuration (minutes), ignoreCount, ignoreWindow, ignoreUserCount, ignoreUserWindow.',
        },
        { key: 'has_seen', label: 'Mark as seen', type: 'boolean' },
        { key: 'is_bookmarked', label: 'Bookmarked', type: 'boolean' },
        { key: 'is_subscribed', label: 'Subscribed to notifications', type: 'boolean' },
        { key: 'is_public', label: 'Public (shareable link)', type: 'boolean' },
      ],
      request: {
        method: 'PUT',
        path: issuePath,
        json: {
          status: '{{input.status}}',
          statusDetails: '{{input.status_details}}',
          hasSeen: '{{input.has_seen}}',
          isBookmarked: '{{input.is_bookmarked}}',
          isSubscribed: '{{input.is_subscribed}}',
          isPublic: '{{input.is_public}}',
        },
      },
      sample: { ...issueSample, status: 'resolved', statusDetails: { inRelease: 'latest' } },
    },
    {
      key: 'resolve-issue',
      name: 'Resolve issue',
      description: 'Marks an issue resolved, now or in a release; a new event in a later release reopens it as a regression.',
      input: [
        issueId,
        { key: 'in_release', label: 'Resolved in release', placeholder: 'web-frontend@2.4.2 or latest', description: 'Leave empty to resolve it now.' },
      ],
      request: { method: 'PUT', path: issuePath, json: { status: 'resolved', statusDetails: { inRelease: '{{input.in_release | default: null}}' } } },
      sample: { ...issueSample, status: 'resolved', statusDetails: {} },
    },
    {
      key: 'assign-issue',
      name: 'Assign issue',
      description: 'Assigns an issue to a member or a team.',
      input: [
        issueId,
        {
          key: 'assignee',
          label: 'Assignee',
          required: true,
          placeholder: 'user:77, team:12, or ada@example.com',
          description: 'A member as user:<id>, their username or e-mail; a team as team:<id>.',
        },
      ],
      request: { method: 'PUT', path: issuePath, json: { assignedTo: '{{input.assignee}}' } },
      sample: { ...issueSample, assignedTo: { type: 'user', id: '77', name: 'Ada Lovelace', email: 'ada@example.com' } },
    },
    {
      key: 'unassign-issue',
      name: 'Unassign issue',
      description: 'Removes the issue’s assignee.',
      input: [issueId],
      request: { method: 'PUT', path: issuePath, json: { assignedTo: '' } },
      sample: { ...issueSample, assignedTo: null },
    },
    {
      key: 'comment-on-issue',
      name: 'Comment on issue',
      description: 'Adds a comment to the issue’s activity; Markdown is rendered, and @mentions notify members.',
      input: [issueId, { key: 'text', label: 'Comment', type: 'text', required: true }],
      request: { method: 'POST', path: `${issuePath}comments/`, json: { text: '{{input.text}}' } },
      sample: commentSample,
    },
    {
      key: 'find-issues',
      name: 'Find issues',
      description: 'Issues matching a Sentry search: the first page only (up to 100); loop over the output to act on each.',
      input: [
        { key: 'query', label: 'Search', default: 'is:unresolved', placeholder: 'is:unresolved level:error assigned:me', description: 'Sentry’s issue search syntax, as in the Issues page.' },
        {
          key: 'project',
          label: 'Projects',
          type: 'multiselect',
          description: 'Leave empty for every project you can see.',
          dynamicChoices: { request: { path: '/organizations/{{connection.organization}}/projects/' }, items: '', label: '{{item.name}}', value: '{{item.id}}' },
        },
        { key: 'environment', label: 'Environment', placeholder: 'production' },
        { key: 'stats_period', label: 'Seen in the last', placeholder: '24h, 14d', description: 'A period such as 24h or 14d; default 14d.' },
        {
          key: 'sort',
          label: 'Sort by',
          type: 'select',
          choices: [
            { label: 'Last seen', value: 'date' },
            { label: 'First seen', value: 'new' },
            { label: 'Events', value: 'freq' },
            { label: 'Users', value: 'user' },
            { label: 'Trends', value: 'trends' },
          ],
        },
        { key: 'limit', label: 'At most', type: 'integer', default: 25, description: 'Up to 100.' },
      ],
      request: {
        path: '/organizations/{{connection.organization}}/issues/',
        query: {
          query: '{{input.query}}',
          project: '{{input.project}}',
          environment: '{{input.environment}}',
          statsPeriod: '{{input.stats_period}}',
          sort: '{{input.sort}}',
          limit: '{{input.limit}}',
        },
      },
      sample: [issueSample],
    },
    {
      key: 'get-issue',
      name: 'Get issue',
      description: 'Reads one issue with its status, assignee, counts and project.',
      input: [issueId],
      request: { method: 'GET', path: issuePath },
      sample: issueSample,
    },
    {
      key: 'create-release',
      name: 'Create release',
      description: 'Records a release (a version of your code) for one or more projects, optionally with its commits, so issues can be resolved in it and regressions found.',
      input: [
        { key: 'version', label: 'Version', required: true, placeholder: 'web-frontend@2.4.2', description: 'Unique in the organization; releases are matched on it.' },
        {
          key: 'projects',
          label: 'Projects',
          type: 'multiselect',
          required: true,
          dynamicChoices: { request: { path: '/organizations/{{connection.organization}}/projects/' }, items: '', label: '{{item.name}}', value: '{{item.slug}}' },
        },
        { key: 'ref', label: 'Ref', placeholder: 'main or a tag', description: 'A commit reference, useful with a tagged version.' },
        { key: 'url', label: 'Release URL', type: 'url', description: 'Where the release can be seen, e.g. its GitHub release page.' },
        { key: 'date_released', label: 'Released at', type: 'datetime', description: 'When it went live; leave empty to leave it unreleased until a deploy.' },
        {
          key: 'refs',
          label: 'Repository refs',
          type: 'json',
          placeholder: '[{ "repository": "acme/web-frontend", "commit": "a3f9…", "previousCommit": "77c1…" }]',
          description: 'Lets Sentry fetch the commits between two SHAs of a connected repository.',
        },
        {
          key: 'commits',
          label: 'Commits',
          type: 'json',
          placeholder: '[{ "id": "a3f9…", "repository": "acme/web-frontend", "message": "Fix map on empty list" }]',
          description: 'Commits to attach directly (id, repository, message, author_name, author_email, timestamp, patch_set).',
        },
      ],
      request: {
        method: 'POST',
        path: '/organizations/{{connection.organization}}/releases/',
        json: {
          version: '{{input.version}}',
          projects: '{{input.projects}}',
          ref: '{{input.ref}}',
          url: '{{input.url}}',
          dateReleased: '{{input.date_released}}',
          refs: '{{input.refs}}',
          commits: '{{input.commits}}',
        },
      },
      sample: releaseSample,
    },
  ],
  triggers: sentryTriggers,
});
