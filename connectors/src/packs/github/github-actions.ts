import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { issueNumberField, labelsField, repoPath, repositoryField } from './github-fields.js';
import { commentSample, fileCommitSample, fileSample, issueSample, labelsSample, releaseSample } from './github-samples.js';

type Actions = NonNullable<PackManifestInput['actions']>;

// Search and list answers come 100 to a page; GitHub's search stops at 1,000 results, i.e. 10 pages.
const perPage = '100';
const linkPages = (items: string) => ({ type: 'link_header' as const, items, maxPages: 10 });

const commaList = (key: string) => `{{input.${key} | replace: ' ', '' | split: ','}}`;

/**
 * The REST calls of the GitHub pack (https://docs.github.com/rest, API version 2022-11-28): issues,
 * comments, labels, file contents and releases, plus two ways to find issues (the search syntax, or a
 * repository's list with filters).
 */
export const githubActions: Actions = [
  {
    key: 'create-issue',
    name: 'Create issue',
    description: 'Opens an issue. Labels, assignees and the milestone are set only when the connected account can push to the repository (GitHub drops them silently otherwise).',
    input: [
      repositoryField,
      { key: 'title', label: 'Title', required: true },
      { key: 'body', label: 'Description', type: 'text', description: 'Markdown.' },
      labelsField('Labels', 'Labels that already exist in the repository.', false),
      { key: 'assignees', label: 'Assignees', placeholder: 'octocat, hubot', description: 'Comma-separated GitHub usernames.' },
      { key: 'milestone', label: 'Milestone number', type: 'integer', description: 'The number of an open milestone (from its URL).' },
      { key: 'type', label: 'Issue type', placeholder: 'Bug', description: "The name of one of the organization's issue types.", advanced: true },
    ],
    request: {
      method: 'POST',
      path: `${repoPath}/issues`,
      json: {
        title: '{{input.title}}',
        body: '{{input.body}}',
        labels: '{{input.labels}}',
        assignees: commaList('assignees'),
        milestone: '{{input.milestone}}',
        type: '{{input.type}}',
      },
    },
    sample: issueSample,
  },
  {
    key: 'update-issue',
    name: 'Update issue',
    description: 'Changes the title or description of an issue or pull request, or closes or reopens it. Fields left empty stay as they are.',
    input: [
      repositoryField,
      issueNumberField,
      { key: 'title', label: 'New title' },
      { key: 'body', label: 'New description', type: 'text', description: 'Markdown; replaces the whole description.' },
      { key: 'state', label: 'State', type: 'select', choices: [{ label: 'Open', value: 'open' }, { label: 'Closed', value: 'closed' }] },
      {
        key: 'state_reason',
        label: 'Reason',
        type: 'select',
        description: 'Why the state changed.',
        choices: [
          { label: 'Completed', value: 'completed' },
          { label: 'Not planned', value: 'not_planned' },
          { label: 'Reopened', value: 'reopened' },
        ],
      },
    ],
    request: {
      method: 'PATCH',
      path: `${repoPath}/issues/{{input.issue_number}}`,
      json: { title: '{{input.title}}', body: '{{input.body}}', state: '{{input.state}}', state_reason: '{{input.state_reason}}' },
    },
    sample: { ...issueSample, state: 'closed', state_reason: 'completed', closed_at: '2024-06-02T09:00:00Z' },
  },
  {
    key: 'create-comment',
    name: 'Comment on issue',
    description: 'Adds a comment to an issue or pull request.',
    input: [repositoryField, issueNumberField, { key: 'body', label: 'Comment', type: 'text', required: true, description: 'Markdown.' }],
    request: { method: 'POST', path: `${repoPath}/issues/{{input.issue_number}}/comments`, json: { body: '{{input.body}}' } },
    sample: commentSample,
  },
  {
    key: 'add-labels',
    name: 'Add labels to issue',
    description: "Adds labels to an issue or pull request, keeping the ones it has. The output is the issue's labels afterwards.",
    input: [repositoryField, issueNumberField, labelsField('Labels to add', 'A name that is not yet a label of the repository creates the label.', true)],
    request: { method: 'POST', path: `${repoPath}/issues/{{input.issue_number}}/labels`, json: { labels: '{{input.labels}}' } },
    sample: labelsSample,
  },
  {
    key: 'create-or-update-file',
    name: 'Create or update file',
    description:
      'Commits one file. To change a file that exists, give its current blob SHA (the "Get file" step outputs it as sha); without it GitHub refuses the change.',
    input: [
      repositoryField,
      { key: 'path', label: 'File path', required: true, placeholder: 'docs/notes.md', description: 'Path in the repository, folders separated by /.' },
      { key: 'content', label: 'Content', type: 'text', required: true, description: 'The whole new text of the file (sent base64-encoded, as GitHub asks).' },
      { key: 'message', label: 'Commit message', required: true },
      { key: 'branch', label: 'Branch', description: "Default: the repository's default branch." },
      { key: 'sha', label: 'Current blob SHA', description: 'Required when the file exists: the sha of the version being replaced.' },
    ],
    request: {
      method: 'PUT',
      path: `${repoPath}/contents/{{input.path}}`,
      json: { message: '{{input.message}}', content: '{{input.content | base64}}', branch: '{{input.branch}}', sha: '{{input.sha}}' },
    },
    sample: fileCommitSample,
  },
  {
    key: 'get-file',
    name: 'Get file',
    description:
      'Reads one file: its sha (for "Create or update file") and its content, base64-encoded (map it with the base64decode pipe for the text). Fails with 404 when the file does not exist.',
    input: [
      repositoryField,
      { key: 'path', label: 'File path', required: true, placeholder: 'docs/notes.md' },
      { key: 'ref', label: 'Branch, tag or commit', description: "Default: the repository's default branch." },
    ],
    request: { method: 'GET', path: `${repoPath}/contents/{{input.path}}`, query: { ref: '{{input.ref}}' } },
    sample: fileSample,
  },
  {
    key: 'create-release',
    name: 'Create release',
    description: 'Publishes a release (or saves a draft) for a tag; the tag is created from the target when it does not exist.',
    input: [
      repositoryField,
      { key: 'tag_name', label: 'Tag', required: true, placeholder: 'v1.0.0' },
      { key: 'target_commitish', label: 'Target', description: "Branch or commit SHA the tag is created from when it does not exist. Default: the default branch." },
      { key: 'name', label: 'Release title' },
      { key: 'body', label: 'Release notes', type: 'text', description: 'Markdown. With "Generate release notes" this text comes first.' },
      { key: 'draft', label: 'Save as draft', type: 'boolean', default: false },
      { key: 'prerelease', label: 'Pre-release', type: 'boolean', default: false },
      { key: 'generate_release_notes', label: 'Generate release notes', type: 'boolean', default: false, description: 'GitHub writes the title and notes from the merged pull requests.' },
      {
        key: 'make_latest',
        label: 'Mark as latest',
        type: 'select',
        description: 'Default: yes for a published release (drafts and pre-releases never are).',
        choices: [
          { label: 'Yes', value: 'true' },
          { label: 'No', value: 'false' },
          { label: 'By date and version (legacy)', value: 'legacy' },
        ],
      },
      { key: 'discussion_category_name', label: 'Start a discussion in category', advanced: true, description: 'An existing discussion category of the repository.' },
    ],
    request: {
      method: 'POST',
      path: `${repoPath}/releases`,
      json: {
        tag_name: '{{input.tag_name}}',
        target_commitish: '{{input.target_commitish}}',
        name: '{{input.name}}',
        body: '{{input.body}}',
        draft: '{{input.draft}}',
        prerelease: '{{input.prerelease}}',
        generate_release_notes: '{{input.generate_release_notes}}',
        make_latest: '{{input.make_latest}}',
        discussion_category_name: '{{input.discussion_category_name}}',
      },
    },
    sample: releaseSample,
  },
  {
    key: 'find-issues',
    kind: 'search',
    name: 'Find issues (search)',
    description: "Searches a repository's issues or pull requests with GitHub's search syntax; up to 1,000 results, output as items.",
    input: [
      repositoryField,
      {
        key: 'query',
        label: 'Search for',
        placeholder: 'crash label:bug author:octocat',
        description: 'Words and qualifiers as in GitHub\'s search box, e.g. label:bug, author:octocat, "exact phrase", created:>2024-01-01.',
      },
      {
        key: 'kind',
        label: 'Find',
        type: 'select',
        required: true,
        default: 'is:issue',
        choices: [{ label: 'Issues', value: 'is:issue' }, { label: 'Pull requests', value: 'is:pr' }],
      },
      { key: 'state', label: 'State', type: 'select', choices: [{ label: 'Open', value: 'is:open' }, { label: 'Closed', value: 'is:closed' }] },
      {
        key: 'sort',
        label: 'Sort by',
        type: 'select',
        description: 'Default: best match.',
        choices: [
          { label: 'Created', value: 'created' },
          { label: 'Updated', value: 'updated' },
          { label: 'Comments', value: 'comments' },
          { label: 'Reactions', value: 'reactions' },
        ],
      },
      { key: 'order', label: 'Order', type: 'select', choices: [{ label: 'Newest / most first', value: 'desc' }, { label: 'Oldest / fewest first', value: 'asc' }] },
    ],
    request: {
      method: 'GET',
      path: '/search/issues',
      query: {
        q: 'repo:{{input.repository}} {{input.kind}} {{input.state}} {{input.query}}',
        sort: '{{input.sort}}',
        order: '{{input.order}}',
        per_page: perPage,
      },
    },
    pagination: linkPages('items'),
    sample: { items: [issueSample] },
  },
  {
    key: 'list-issues',
    kind: 'search',
    name: 'List repository issues',
    description: "A repository's issues filtered by state, labels and people, newest first; pull requests are included (they carry a pull_request field). Up to 1,000, output as items.",
    input: [
      repositoryField,
      {
        key: 'state',
        label: 'State',
        type: 'select',
        default: 'open',
        choices: [{ label: 'Open', value: 'open' }, { label: 'Closed', value: 'closed' }, { label: 'All', value: 'all' }],
      },
      labelsField('With all of these labels', 'Only issues that have every one of these labels.', false),
      { key: 'assignee', label: 'Assigned to', placeholder: 'octocat', description: 'A username, none for unassigned, * for any.' },
      { key: 'creator', label: 'Opened by', placeholder: 'octocat' },
      { key: 'mentioned', label: 'Mentioning', placeholder: 'octocat' },
      { key: 'milestone', label: 'Milestone', description: 'A milestone number, none for no milestone, * for any.' },
      { key: 'since', label: 'Updated since', type: 'datetime' },
      {
        key: 'sort',
        label: 'Sort by',
        type: 'select',
        default: 'created',
        choices: [{ label: 'Created', value: 'created' }, { label: 'Updated', value: 'updated' }, { label: 'Comments', value: 'comments' }],
      },
      { key: 'direction', label: 'Order', type: 'select', default: 'desc', choices: [{ label: 'Newest first', value: 'desc' }, { label: 'Oldest first', value: 'asc' }] },
    ],
    request: {
      method: 'GET',
      path: `${repoPath}/issues`,
      query: {
        state: '{{input.state}}',
        labels: "{{input.labels | join: ','}}",
        assignee: '{{input.assignee}}',
        creator: '{{input.creator}}',
        mentioned: '{{input.mentioned}}',
        milestone: '{{input.milestone}}',
        since: '{{input.since}}',
        sort: '{{input.sort}}',
        direction: '{{input.direction}}',
        per_page: perPage,
      },
    },
    pagination: linkPages(''),
    sample: { items: [issueSample] },
  },
];
