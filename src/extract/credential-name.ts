// Which config key names hold a credential (`api_key`, `GITHUB_TOKEN`, `Authorization`) and
// which only sound like it (`token_url`, `max_tokens`). Its own module, free of parsers, so the
// AI-client guard can use it without loading them.
/** Key names that hold a credential (matched on the last key of the path). */
const CREDENTIAL_NAME =
  /(?:api[_-]?key|apikey|access[_-]?key|secret|token|passw(?:or)?d|\bpwd\b|credential|private[_-]?key|auth(?:orization)?$|bearer|(?:^|[_.-])key$)/i;
/** Credential-sounding names that hold something else (an id, an address, a limit). */
const NOT_CREDENTIAL =
  /(?:[_.-]|\b)(?:id|ids|url|uri|endpoint|host|path|file|dir|name|type|version|region|model|env|var)$|max[_-]?tokens?|tokens?[_-]?(?:limit|count|url|type)|tokenizer|secret[_-]?name|_key_(?:id|path|file)$/i;

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !NOT_CREDENTIAL.test(name);
}
