// Word checks for the generic detector: how much of a value is made of dictionary words or
// pronounceable camelCase/snake_case words. A person types names; a generator does not.

// Common English and programming words (3+ letters): a value mostly made of them was typed by a
// person as a name, not generated. Kept small on purpose; random text rarely holds a 4-letter word.
const WORDS = new Set(`able about access account action active admin after agent alert all allow alpha also api app
application apply area array auth author auto back backup bad bar base basic batch bearer beta big bill billing
bin black blob block blue board body book boot bot box branch bridge bucket buffer bug build bundle bus button
cache call camel can card case cat chain change channel chart chat check child class clean clear click client
clock close cloud cluster code color column command commit common config connect console contact content
context control cookie copy core count country create credential cron crypto current custom customer dark data
database date day debug default delete demo deploy dev device dialog diff digest direct disable dock doc
document domain done down draft drive drop east edge edit email embed empty enable end engine enter entry env
error event example extra face fail false fast feature feed field file filter final first flag flow folder
font form format frame free from front full function gateway get git global good google grant graph green grid
group guest hash head header hello help hidden high hint home hook host hot hour http hub image import index
info inner input insert internal item job json just keep kernel key kind label lang large last layer layout
lead left legacy level light limit line link list live load local lock log login long loop main make manager
map mark master match max media member memory menu merge message meta method metric middle min mode model
module monitor month more mount move multi name native net network new next node none north note null number
object office old one only open option order org origin other outer output over owner package page panel
param parent parse part pass password paste path pay payment peer per person phone pick pipe plan platform
play plugin point policy pool port post power prefix preview primary print private prod product profile
project prompt proxy public pull push query queue quick random range rate raw read ready real record red
redis ref refresh region registry release remote remove render replace reply report request reset resource
response rest result return review right role root rotate route row rule run safe sale salt sample save
scale schema scope screen script search second secret section secure select self send server service session
set setting shadow share shell short show side sign simple single site size slack slot small snap socket
soft sort source south space spec split stack stage standard start state static status step stop storage
store stream string style sub super support switch sync system table tag target task team temp template
tenant term test text theme thread time title token tool top total trace track trade train true trust type
union unit update upload user value vault version view virtual visible wait warn watch web week west white
widget window word work worker write year zone`.split(/\s+/));

/** Share of the value's letters covered by dictionary words of 3+ letters (greedy, longest first). */
export function dictionaryRatio(value: string): number {
  const letters = value.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters.length) return 0;
  let covered = 0;
  for (const run of value.toLowerCase().split(/[^a-z]+/).filter(Boolean)) {
    for (let i = 0; i < run.length;) {
      let len = Math.min(12, run.length - i);
      while (len >= 3 && !WORDS.has(run.slice(i, i + len))) len--;
      if (len >= 3) {
        covered += len;
        i += len;
      } else i++;
    }
  }
  return covered / letters.length;
}

const isUpper = (c: string) => c >= 'A' && c <= 'Z';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * Split into word tokens as /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g would (OAuth2Client: O, Auth, 2,
 * Client), in one pass: this runs for every generic candidate.
 */
function wordTokens(value: string): { count: number; words: string[] } {
  const words: string[] = [];
  let count = 0;
  for (let i = 0; i < value.length;) {
    const c = value[i];
    let j = i + 1;
    if (isDigit(c)) {
      while (j < value.length && isDigit(value[j])) j++;
      count++;
    } else if (isUpper(c) || isLower(c)) {
      while (j < value.length && isUpper(c) && isUpper(value[j])) j++;
      if (isUpper(c) && j < value.length && isLower(value[j])) {
        if (j - 1 > i) words.push(value.slice(i, j - 1));
        i = j - 1;
      }
      while (j < value.length && isLower(value[j])) j++;
      words.push(value.slice(i, j));
    }
    i = j;
  }
  return { count: count + words.length, words };
}

/** Made of pronounceable words (CamelCaseWords2Like, getApiKeyFromVault2), not random characters. */
export function wordLike(value: string): boolean {
  const { count, words } = wordTokens(value);
  if (words.length < 2 || count * 3 > value.length) return false;
  const letters = words.join('');
  if (letters.length / words.length < 3) return false;
  const vowels = (letters.match(/[aeiouy]/gi) ?? []).length;
  return vowels >= letters.length * 0.3 && words.filter((w) => w.length >= 2 && !/[aeiouy]/i.test(w)).length * 4 <= words.length;
}

/** Mixed-case letters that switch case often, as generated strings do (camelCase words switch rarely). */
export function randomLetters(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '');
  if (letters.length < 12 || !/[a-z]/.test(letters) || !/[A-Z]/.test(letters)) return false;
  let switches = 0;
  for (let i = 1; i < letters.length; i++) if ((letters[i] < 'a') !== (letters[i - 1] < 'a')) switches++;
  return switches / letters.length >= 0.25 && dictionaryRatio(value) < 0.35 && !wordLike(value);
}
