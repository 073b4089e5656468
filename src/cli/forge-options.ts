// The sweep options that enumerate repositories from the forges (--github-org, --github-user,
// --gitlab-group, --huggingface), their API bases, the filters, and the list written out so every
// shard sweeps the same repositories (--save-list FILE, --list-only).
import { Command, Option } from 'commander';
import { checkFilters, type RepoFilters } from '../sweep/enumerate/filters.js';
import { enumerateRepos, listFileText, type EnumerateRequest } from '../sweep/enumerate/enumerate.js';
import type { Clock } from '../sweep/enumerate/http.js';
import type { RepoSpec } from '../sweep/repo-list.js';
import type { Io } from './io.js';
import { writeFileAtomic } from './write-file.js';

export interface ForgeFlags {
  githubOrg?: string[];
  githubUser?: string[];
  gitlabGroup?: string[];
  huggingface?: string[];
  githubApiUrl?: string;
  gitlabApiUrl?: string;
  huggingfaceApiUrl?: string;
  archived?: boolean;
  forks?: boolean;
  visibility?: string[];
  topic?: string[];
  name?: string[];
  saveList?: string;
  listOnly?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Add the enumeration options to `sweep`. */
export function addForgeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--github-org <org>', 'sweep every repository of this GitHub organisation (repeatable; token from GITHUB_TOKEN or GH_TOKEN)').argParser(collect))
    .addOption(new Option('--github-user <user>', 'sweep every repository this GitHub user owns (repeatable)').argParser(collect))
    .addOption(new Option('--gitlab-group <group>', 'sweep every project of this GitLab group and its subgroups (repeatable; token from GITLAB_TOKEN or CI_JOB_TOKEN)').argParser(collect))
    .addOption(new Option('--huggingface <org>', 'sweep the models, datasets and Spaces of this Hugging Face organisation or user (repeatable; token from HF_TOKEN)').argParser(collect))
    .option('--github-api-url <url>', 'GitHub API base, e.g. https://HOST/api/v3 for GitHub Enterprise Server (default: GITHUB_API_URL, else https://api.github.com)')
    .option('--gitlab-api-url <url>', 'GitLab API base, e.g. https://HOST/api/v4 (default: CI_API_V4_URL, else https://gitlab.com/api/v4)')
    .option('--huggingface-api-url <url>', 'Hugging Face endpoint (default: HF_ENDPOINT, else https://huggingface.co)')
    .option('--no-archived', 'skip archived repositories (and disabled Hugging Face repositories)')
    .option('--no-forks', 'skip forks')
    .addOption(new Option('--visibility <v>', 'keep only public, private or internal repositories (repeatable)').argParser(collect))
    .addOption(new Option('--topic <topic>', 'keep repositories with this topic (Hugging Face: tag); repeatable, any of them').argParser(collect))
    .addOption(new Option('--name <glob>', 'keep repositories whose name matches (org/repo or repo; * ? **); !glob excludes; repeatable').argParser(collect))
    .option('--save-list <file>', 'write the enumerated repositories to FILE (a --repos list for every shard)')
    .option('--list-only', 'enumerate, write the list (--save-list FILE, else standard output) and stop');
}

export function forgeRequest(f: ForgeFlags): Pick<EnumerateRequest, 'githubOrgs' | 'githubUsers' | 'gitlabGroups' | 'huggingface'> {
  return { githubOrgs: f.githubOrg ?? [], githubUsers: f.githubUser ?? [], gitlabGroups: f.gitlabGroup ?? [], huggingface: f.huggingface ?? [] };
}

function filtersOf(f: ForgeFlags): { filters: RepoFilters; text: string } {
  const filters: RepoFilters = {
    archived: f.archived !== false,
    forks: f.forks !== false,
    visibility: (f.visibility ?? []).map((v) => v.toLowerCase()),
    topics: (f.topic ?? []).map((t) => t.toLowerCase()),
    names: f.name ?? [],
  };
  checkFilters(filters);
  const text = [
    ...(filters.archived ? [] : ['--no-archived']),
    ...(filters.forks ? [] : ['--no-forks']),
    ...filters.visibility.map((v) => `--visibility ${v}`),
    ...filters.topics.map((t) => `--topic ${t}`),
    ...filters.names.map((n) => `--name ${n}`),
  ].join(' ');
  return { filters, text };
}

export interface CliEnumeration {
  repos: RepoSpec[];
  gitConfig: Array<[string, string]>;
  listOnly: boolean;
}

/** Enumerate, report what was found on stderr, write the list when asked. */
export async function enumerateForCli(f: ForgeFlags & { githubApiUrl?: string }, io: Io, warn: (line: string) => void, clock?: Clock): Promise<CliEnumeration> {
  const { filters, text } = filtersOf(f);
  const info = (line: string) => {
    if (!f.quiet) io.stderr.write(`keysprawl: ${line}\n`);
  };
  const e = await enumerateRepos({
    ...forgeRequest(f),
    githubApi: f.githubApiUrl,
    gitlabApi: f.gitlabApiUrl,
    huggingfaceApi: f.huggingfaceApiUrl,
    filters,
    env: io.env,
    clock,
    warn,
    onWait: info,
  });
  for (const s of e.sources) info(`${s.source}: ${s.listed} repositories listed`);
  info(`${e.repos.length} repositories to sweep${text ? ` (${text})` : ''}`);
  const list = listFileText(e, new Date(), text);
  if (f.saveList) await writeFileAtomic(f.saveList, list, { private: false });
  else if (f.listOnly) io.stdout.write(list);
  if (!e.repos.length && !f.listOnly) warn('no repository to sweep after the filters');
  return { repos: e.repos, gitConfig: e.gitConfig, listOnly: !!f.listOnly };
}
