// Profanity lexicon.
//
// Source: the English dataset of the npm package `obscenity` 0.4.6 (MIT License, (c) 2025 Joseph Liu; its
// words come from the `cuss` project, MIT, (c) 2016 Titus Wormer). Its patterns were expanded to plain
// strings (optional letters and wildcards written out) by `englishDataset.build()`; a unit test checks
// this table against the installed package so an upgrade that changes the list is noticed.
// Left out on purpose (clinical or news words, not swearing, in news comments): anal, anus, bestiality, ejaculate, incest, orgasm, penis, rape, semen, sex, vagina.
// `MILD_PROFANITY`, `PROFANITY_WORDS` and `profaneRoot` are Parley's own (MIT).

/** How a form must sit in a word: the whole word, its start, its end, or anywhere inside it. */
export type PatternKind = 'word' | 'prefix' | 'suffix' | 'infix';

/** [root word, where it must sit, the spelled-out forms] */
export const OBSCENITY_PATTERNS: readonly (readonly [string, PatternKind, readonly string[]])[] = [
  ["abo", 'word', ["abo", "abos", "abbo", "abbos"]],
  ["abeed", 'infix', ["abeed", "abbeed"]],
  ["africoon", 'infix', ["africoon"]],
  ["arabush", 'infix', ["arabush", "arabbush"]],
  ["arse", 'prefix', ["arse", "arsse"]],
  ["ass", 'prefix', ["ass"]],
  ["bastard", 'infix', ["bastard", "basstard"]],
  ["bitch", 'infix', ["bitch"]],
  ["bitch", 'suffix', ["bich"]],
  ["blowjob", 'infix', ["blwjb", "blwjob", "blowjb", "blowjob", "bllwjb", "bllwjob", "bllowjb", "bllowjob", "bblwjb", "bblwjob", "bblowjb", "bblowjob", "bbllwjb", "bbllwjob", "bbllowjb", "bbllowjob"]],
  ["bollocks", 'infix', ["bolock", "bollock"]],
  ["boob", 'infix', ["boob"]],
  ["boonga", 'infix', ["boonga"]],
  ["buttplug", 'infix', ["buttplug"]],
  ["chingchong", 'infix', ["chingchong"]],
  ["chink", 'infix', ["chink"]],
  ["cock", 'word', ["cock", "cocke", "cockee"]],
  ["cock", 'prefix', ["cocks", "cockp"]],
  ["cuck", 'infix', ["cuck"]],
  ["cum", 'prefix', ["cum"]],
  ["cunt", 'prefix', ["cunt"]],
  ["cunt", 'suffix', ["cunt"]],
  ["deepthroat", 'infix', ["deepthroat", "deepthrooat", "deepthrot", "deepthroot"]],
  ["dick", 'word', ["dck"]],
  ["dick", 'infix', ["dick"]],
  ["dildo", 'infix', ["dildo"]],
  ["doggystyle", 'infix', ["dgystl", "dgystll", "dgystyl", "dgystyll", "dgysstl", "dgysstll", "dgysstyl", "dgysstyll", "dggystl", "dggystll", "dggystyl", "dggystyll", "dggysstl", "dggysstll", "dggysstyl", "dggysstyll", "dogystl", "dogystll", "dogystyl", "dogystyll", "dogysstl", "dogysstll", "dogysstyl", "dogysstyll", "doggystl", "doggystll", "doggystyl", "doggystyll", "doggysstl", "doggysstll", "doggysstyl", "doggysstyll"]],
  ["double penetration", 'infix', ["double penetra"]],
  ["dyke", 'infix', ["dyke"]],
  ["fag", 'prefix', ["fag"]],
  ["fag", 'infix', ["fggot"]],
  ["felch", 'infix', ["felch", "fellch", "feelch", "feellch"]],
  ["fellatio", 'infix', ["fllat", "fellat", "feellat"]],
  ["finger bang", 'infix', ["fingerbang"]],
  ["fisting", 'infix', ["fistin"]],
  ["fuck", 'infix', ["fck", "fack", "fbck", "fcck", "fdck", "feck", "ffck", "fgck", "fhck", "fick", "fjck", "fkck", "flck", "fmck", "fnck", "fock", "fpck", "fqck", "frck", "fsck", "ftck", "fuck", "fvck", "fwck", "fxck", "fyck", "fzck"]],
  ["fuck", 'prefix', ["fk", "fuk"]],
  ["fuck", 'word', ["fu"]],
  ["gangbang", 'infix', ["gngbang", "gangbang", "gbngbang", "gcngbang", "gdngbang", "gengbang", "gfngbang", "ggngbang", "ghngbang", "gingbang", "gjngbang", "gkngbang", "glngbang", "gmngbang", "gnngbang", "gongbang", "gpngbang", "gqngbang", "grngbang", "gsngbang", "gtngbang", "gungbang", "gvngbang", "gwngbang", "gxngbang", "gyngbang", "gzngbang"]],
  ["handjob", 'infix', ["hndjob", "handjob", "hbndjob", "hcndjob", "hdndjob", "hendjob", "hfndjob", "hgndjob", "hhndjob", "hindjob", "hjndjob", "hkndjob", "hlndjob", "hmndjob", "hnndjob", "hondjob", "hpndjob", "hqndjob", "hrndjob", "hsndjob", "htndjob", "hundjob", "hvndjob", "hwndjob", "hxndjob", "hyndjob", "hzndjob"]],
  ["hentai", 'infix', ["hntai", "hentai", "heentai"]],
  ["hooker", 'infix', ["hooker"]],
  ["jerk off", 'infix', ["jerkoff"]],
  ["jizz", 'infix', ["jizz"]],
  ["kike", 'infix', ["kike"]],
  ["lubejob", 'infix', ["lubejob"]],
  ["masturbate", 'infix', ["msturbate", "masturbate", "mbsturbate", "mcsturbate", "mdsturbate", "mesturbate", "mfsturbate", "mgsturbate", "mhsturbate", "misturbate", "mjsturbate", "mksturbate", "mlsturbate", "mmsturbate", "mnsturbate", "mosturbate", "mpsturbate", "mqsturbate", "mrsturbate", "mssturbate", "mtsturbate", "musturbate", "mvsturbate", "mwsturbate", "mxsturbate", "mysturbate", "mzsturbate", "masterbate"]],
  ["negro", 'infix', ["negro"]],
  ["nigger", 'infix', ["ngger", "nigger", "ngga", "nigga"]],
  ["nigger", 'word', ["nig", "nigs"]],
  ["orgy", 'infix', ["orgy", "orgies"]],
  ["piss", 'prefix', ["piss"]],
  ["porn", 'word', ["prn"]],
  ["porn", 'infix', ["porn"]],
  ["prick", 'word', ["prick", "pricks"]],
  ["pussy", 'infix', ["pssy", "pussy"]],
  ["retard", 'infix', ["retard"]],
  ["scat", 'word', ["scat", "sscat"]],
  ["shit", 'prefix', ["shit"]],
  ["shit", 'suffix', ["shit"]],
  ["slut", 'infix', ["slut", "sslut"]],
  ["spastic", 'prefix', ["spastic"]],
  ["tit", 'word', ["tit", "tits"]],
  ["tit", 'prefix', ["titt", "tiddies", "tities"]],
  ["tranny", 'prefix', ["trany"]],
  ["turd", 'prefix', ["turd"]],
  ["twat", 'prefix', ["twat"]],
  ["wank", 'prefix', ["wank"]],
  ["whore", 'word', ["whre", "whore", "whores", "whoress", "whoores", "whooress"]],
];

/** Text around a hit that makes it innocent ("assess", "cockney", "Scunthorpe" is already safe by position). */
export const OBSCENITY_WHITELIST: readonly string[] = ["analabos","analagous","analav","analy","analog","an al","fan al","gan al","ian al","trojan al","lan al","lan al","pan al","tan al","uan al","van al","texan al","an us","tetanus","uranus","janus","manus","arsen","45s","assa","assem","assen","asser","assess","asset","assev","assi","assoc","assoi","assu","baboon ga","chin k","cockney","cuckoo","cumu","cumb","benedick","dickens","dickety","dickory","van dyke","fick","kung-fu","kung fu","montenegro","negron","stoneground","winegrow","snigger","gasma","porgy","pen is","p orna","rapper","s hit","sh it","shi t","shitake","turducken","twattle","who're"];

/** Parley's additions to the whitelist: ordinary words the patterns above would catch. */
export const PARLEY_WHITELIST: readonly string[] = [
  'cumin', 'assort', 'retardant', 'retardation', 'chink in', 'chinks in', 'georgy', 'scathing', 'dickinson', 'hancock',
  'peacock', 'shuttlecock', 'woodcock', 'babcock', 'hitchcock', 'cockpit', 'cockroach', 'cocktail', 'cockatoo',
  'cockerel', 'titan', 'title', 'titular', 'titillat', 'tithe', 'titmouse', 'wankel', 'fukushima', 'fukuyama',
  'arsenal', 'arsenic', 'prickly', 'pricking', 'dickson', 'dickey', 'moby dick', 'dick van', 'dick cheney',
  'phuket', 'scunthorpe', 'penistone', 'sussex', 'middlesex', 'essex', 'wessex', 'cumbria', 'cumberland',
];

/** Mild profanity (half weight): swearing, but common in ordinary heated talk. */
export const MILD_PROFANITY: readonly string[] = [
  'crap', 'crappy', 'craps', 'damn', 'damned', 'dammit', 'damnit', 'goddamn', 'goddamned', 'bugger', 'buggered',
  'douche', 'douchebag', 'douchebags', 'bloody hell', 'screw you', 'pissed off', 'sod off', 'bullcrap', 'jeez',
  'frigging', 'friggin', 'freaking', 'effing', 'wtf', 'stfu', 'gtfo', 'omfg', 'lmfao', 'fml', 'bs',
];

/**
 * Spelled-out words a masked or stretched word is resolved to (f**k → fuck, sh*t → shit, b***h → bitch),
 * most common first so that an ambiguous mask picks the likelier word.
 */
export const PROFANITY_WORDS: readonly string[] = [
  'fuck', 'fucking', 'fucked', 'fucker', 'fuckers', 'fucks', 'fuckin', 'motherfucker', 'motherfuckers',
  'motherfucking', 'shit', 'shits', 'shitty', 'bullshit', 'shite', 'ass', 'asses', 'asshole', 'assholes', 'arse',
  'arsehole', 'bitch', 'bitches', 'bitching', 'bastard', 'bastards', 'cunt', 'cunts', 'dick', 'dicks', 'dickhead',
  'cock', 'cocks', 'cocksucker', 'pussy', 'pussies', 'whore', 'whores', 'slut', 'sluts', 'twat', 'twats',
  'wank', 'wanker', 'wankers', 'bollocks', 'bugger', 'crap', 'damn', 'damned', 'goddamn', 'piss', 'pissed',
  'prick', 'pricks', 'tits', 'titties', 'douche', 'douchebag', 'jackass', 'dumbass', 'dipshit', 'shithead',
  'fag', 'fags', 'faggot', 'faggots', 'nigger', 'niggers', 'nigga', 'niggas', 'retard', 'retards', 'jizz', 'dildo',
  'porn', 'turd', 'cuck', 'dyke', 'kike', 'spic', 'chink', 'tranny', 'wetback', 'shitting', 'shithole', 'fuckhead',
  'fuckface', 'fucktard', 'dickheads', 'pissing', 'bitchy', 'cum', 'tit', 'tities', 'boobs', 'sluts', 'slutty',
];

const wholeWords = new Map<string, string>();
const prefixes: [string, string][] = [];
const suffixes: [string, string][] = [];
const infixes: [string, string][] = [];
for (const [root, kind, forms] of OBSCENITY_PATTERNS) {
  for (const form of forms) {
    if (kind === 'word') wholeWords.set(form, root);
    else (kind === 'prefix' ? prefixes : kind === 'suffix' ? suffixes : infixes).push([form, root]);
  }
}
/**
 * Word → profane root it contains (or null), memoized: vocabulary repeats. The memo is bounded (an
 * unbounded one grew with every new word a site ever saw) as a two-generation LRU: words land in the
 * young map; when it holds ROOT_MEMO_GENERATION words it becomes the old map and the previous old map is
 * dropped; a word found only in the old map moves back to the young one. So the few thousand most
 * recently used words stay, and a hit costs no map churn. Keys are copied so that a word sliced out of
 * a comment does not keep the whole comment string alive.
 */
const ROOT_MEMO_GENERATION = 2048;
let youngMemo = new Map<string, string | null>();
let oldMemo = new Map<string, string | null>();
export function profaneRoot(word: string): string | null {
  const young = youngMemo.get(word);
  if (young !== undefined) return young;
  const old = oldMemo.get(word);
  const root = old !== undefined ? old : rootOf(word);
  if (youngMemo.size >= ROOT_MEMO_GENERATION) {
    oldMemo = youngMemo;
    youngMemo = new Map();
  }
  youngMemo.set(ownCopy(word), root);
  return root;
}

/** Forms by their first code unit, each with its place in the list (the first form in list order wins). */
function byFirstChar(forms: readonly [string, string][]): Map<number, [string, string, number][]> {
  const out = new Map<number, [string, string, number][]>();
  forms.forEach(([form, root], order) => {
    const bucket = out.get(form.charCodeAt(0)) ?? [];
    bucket.push([form, root, order]);
    out.set(form.charCodeAt(0), bucket);
  });
  return out;
}
const prefixesByFirst = byFirstChar(prefixes);
const suffixesByFirst = byFirstChar(suffixes);
const infixesByFirst = byFirstChar(infixes);
const NO_FORMS: readonly [string, string, number][] = [];

/**
 * The root of the first form (in list order: prefixes, then suffixes, then infixes) that the word
 * contains where the form must sit. Only forms starting with the right letter are tried.
 */
export function rootOf(word: string): string | null {
  const whole = wholeWords.get(word);
  if (whole) return whole;
  if (!word.length) return null;
  for (const [form, root] of prefixesByFirst.get(word.charCodeAt(0)) ?? NO_FORMS) if (word.startsWith(form)) return root;
  let best = -1;
  let bestRoot: string | null = null;
  // A suffix form of length L starts at word.length − L: try each start position's forms.
  for (let p = 0; p < word.length; p++) {
    for (const [form, root, order] of suffixesByFirst.get(word.charCodeAt(p)) ?? NO_FORMS) {
      if (p + form.length === word.length && (best < 0 || order < best) && word.startsWith(form, p)) { best = order; bestRoot = root; }
    }
  }
  if (bestRoot) return bestRoot;
  for (let p = 0; p < word.length; p++) {
    for (const [form, root, order] of infixesByFirst.get(word.charCodeAt(p)) ?? NO_FORMS) {
      if ((best < 0 || order < best) && word.startsWith(form, p)) { best = order; bestRoot = root; }
    }
  }
  return bestRoot;
}

/** The plain scan over every form, in list order (what rootOf computes faster); kept for the equivalence test. */
export function rootOfByScan(word: string): string | null {
  let root = wholeWords.get(word) ?? null;
  if (!root) for (const [form, r] of prefixes) if (word.startsWith(form)) { root = r; break; }
  if (!root) for (const [form, r] of suffixes) if (word.endsWith(form)) { root = r; break; }
  if (!root) for (const [form, r] of infixes) if (word.includes(form)) { root = r; break; }
  return root;
}

/** A flat copy of a (possibly sliced) string that shares no memory with its parent. */
function ownCopy(s: string): string {
  // Strings under 13 code units are never slices or cons strings in V8: concatenation copies them.
  return s.length < 12 ? (' ' + s).slice(1) : (JSON.parse(JSON.stringify(s)) as string);
}
