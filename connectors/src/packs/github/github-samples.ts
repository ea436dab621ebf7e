/**
 * Example outputs, shaped like GitHub's REST answers and webhook payloads (trimmed to the fields people map),
 * so the builder's pills work before a first real call or delivery.
 */

const octocat = { login: 'octocat', id: 1, type: 'User', html_url: 'https://github.com/octocat' };

const repository = {
  id: 1296269,
  name: 'Hello-World',
  full_name: 'octocat/Hello-World',
  private: false,
  owner: octocat,
  html_url: 'https://github.com/octocat/Hello-World',
  default_branch: 'main',
};

const bugLabel = { id: 208045946, name: 'bug', color: 'f29513', description: "Something isn't working", default: true };

export const issueSample = {
  id: 1,
  number: 1347,
  title: 'Found a bug',
  body: "I'm having a problem with this.",
  state: 'open',
  state_reason: null,
  html_url: 'https://github.com/octocat/Hello-World/issues/1347',
  url: 'https://api.github.com/repos/octocat/Hello-World/issues/1347',
  user: octocat,
  labels: [bugLabel],
  assignees: [octocat],
  milestone: null,
  comments: 0,
  created_at: '2024-06-01T12:00:00Z',
  updated_at: '2024-06-01T12:00:00Z',
  closed_at: null,
};

export const commentSample = {
  id: 1,
  body: 'Me too',
  html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
  issue_url: 'https://api.github.com/repos/octocat/Hello-World/issues/1347',
  user: octocat,
  created_at: '2024-06-01T12:05:00Z',
  updated_at: '2024-06-01T12:05:00Z',
};

export const labelsSample = [bugLabel, { id: 208045947, name: 'triage', color: 'ededed', description: null, default: false }];

export const fileCommitSample = {
  content: {
    name: 'hello.txt',
    path: 'notes/hello.txt',
    sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3',
    size: 9,
    html_url: 'https://github.com/octocat/Hello-World/blob/main/notes/hello.txt',
    download_url: 'https://raw.githubusercontent.com/octocat/Hello-World/main/notes/hello.txt',
    type: 'file',
  },
  commit: {
    sha: '7638417db6d59f3c431d3e1f261cc637155684cd',
    message: 'Add notes/hello.txt',
    html_url: 'https://github.com/octocat/Hello-World/commit/7638417db6d59f3c431d3e1f261cc637155684cd',
    author: { name: 'Monalisa Octocat', email: 'octocat@github.com', date: '2024-06-01T12:10:00Z' },
  },
};

export const fileSample = {
  type: 'file',
  encoding: 'base64',
  name: 'hello.txt',
  path: 'notes/hello.txt',
  sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3',
  size: 9,
  content: 'aGVsbG8gd29ybGQ=\n',
  html_url: 'https://github.com/octocat/Hello-World/blob/main/notes/hello.txt',
  download_url: 'https://raw.githubusercontent.com/octocat/Hello-World/main/notes/hello.txt',
};

export const releaseSample = {
  id: 1,
  tag_name: 'v1.0.0',
  target_commitish: 'main',
  name: 'v1.0.0',
  body: 'Description of the release',
  draft: false,
  prerelease: false,
  html_url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
  upload_url: 'https://uploads.github.com/repos/octocat/Hello-World/releases/1/assets{?name,label}',
  author: octocat,
  created_at: '2024-06-01T12:00:00Z',
  published_at: '2024-06-01T12:00:00Z',
};

/** An `issues` delivery (`X-GitHub-Event: issues`, action `opened`). */
export const issuesEventSample = {
  action: 'opened',
  issue: issueSample,
  repository,
  sender: octocat,
};
