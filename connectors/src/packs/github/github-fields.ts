import type { FieldInput } from '../../manifest/field-schema.js';

/**
 * GitHub's paths name a repository as two segments (`/repos/{owner}/{repo}`). The form asks for one
 * "owner/name" value (what the repository list offers), and each half is put in its own path segment, so
 * the slash is not encoded into one segment.
 */
export const repoPath = "/repos/{{input.repository | split: '/' | first}}/{{input.repository | split: '/' | last}}";

/** The repository picker: the user's repositories, most recently updated first (the first 100). */
export const repositoryField: FieldInput = {
  key: 'repository',
  label: 'Repository',
  type: 'select',
  required: true,
  placeholder: 'octocat/hello-world',
  description: 'Pick one, or type owner/name (for example octocat/hello-world).',
  dynamicChoices: {
    request: { method: 'GET', path: '/user/repos', query: { sort: 'updated', per_page: '100' } },
    items: '',
    label: '{{item.full_name}}',
    value: '{{item.full_name}}',
  },
};

/** The repository's labels, by name (GitHub adds and filters labels by name). */
export function labelsField(label: string, description: string, required: boolean): FieldInput {
  return {
    key: 'labels',
    label,
    type: 'multiselect',
    required,
    description,
    dynamicChoices: {
      request: { method: 'GET', path: `${repoPath}/labels`, query: { per_page: '100' } },
      items: '',
      label: '{{item.name}}',
      value: '{{item.name}}',
      dependsOn: ['repository'],
    },
  };
}

export const issueNumberField: FieldInput = {
  key: 'issue_number',
  label: 'Issue or pull request number',
  type: 'integer',
  required: true,
  placeholder: '1347',
  description: 'The number shown after # (pull requests share the numbering with issues).',
};
