// Threats and wishes of harm, Parley's own list (MIT). Patterns are matched on normalized word tokens
// by src/models/rules/threat.ts; keep entries lowercase, one idea per line.

/** Verbs of violence against a person (base form and common inflections). */
export const VIOLENCE_VERBS: readonly string[] = [
  'kill', 'kills', 'killed', 'killing', 'murder', 'murders', 'murdered', 'shoot', 'shoots', 'shot', 'shooting',
  'stab', 'stabs', 'stabbed', 'stabbing', 'hang', 'hanged', 'hung', 'lynch', 'lynched', 'beat', 'beaten', 'punch',
  'punched', 'strangle', 'strangled', 'choke', 'choked', 'slit', 'behead', 'beheaded', 'decapitate', 'burn',
  'burned', 'burnt', 'bomb', 'bombed', 'gas', 'gassed', 'execute', 'executed', 'exterminate', 'exterminated',
  'eliminate', 'eradicate', 'slaughter', 'slaughtered', 'massacre', 'butcher', 'butchered', 'torture', 'tortured',
  'rape', 'raped', 'hurt', 'harm', 'smash', 'bash', 'kick', 'slap', 'gut', 'skin', 'drown', 'drowned', 'poison',
  'poisoned', 'run over', 'take out', 'put down', 'destroy', 'wipe out', 'curb stomp', 'knock out', 'break your',
  'bury', 'buried', 'hunt', 'hunted', 'cut', 'lined up', 'deport', 'castrate', 'castrated',
];

/** Wishes of death or harm, whole phrases ("{x}" = any one word). */
export const HARM_WISHES: readonly string[] = [
  'hope you die', 'hope he dies', 'hope she dies', 'hope they die', 'hope you get', 'hope he gets', 'hope she gets',
  'hope they get', 'hope someone', 'wish you were dead', 'wish he was dead', 'wish she was dead',
  'wish they were dead', 'wish you would die', 'die in a fire', 'go die', 'drop dead', 'kill yourself',
  'kill urself', 'kys', 'deserve to die', 'deserves to die', 'deserve to be', 'deserves to be', 'should die',
  'should all die', 'should be dead', 'better off dead', 'rot in hell', 'burn in hell', 'should be put down',
  'should be taken out', 'should be lined up', 'need to be shot', 'needs to be shot', 'needs to die',
  'need to die', 'ought to be shot', 'should be shot', 'should be hanged', 'should be hung', 'should be killed',
  'should be executed', 'should be lynched', 'should be gassed', 'should be burned', 'should be beaten',
  'should all be shot', 'should all be killed', 'should all be hanged', 'should be exterminated',
  'be shot on sight', 'shot on sight', 'against the wall', 'with a bullet', 'a bullet in', 'put a bullet',
  'bullet between', 'noose', 'firing squad', 'gas chamber', 'gas chambers', 'public hanging', 'death to',
  'deserves a bullet', 'deserve a bullet', 'needs a bullet', 'need a bullet', 'against a wall', 'string him up',
  'string them up', 'string her up', 'take them out back', 'hang them', 'hang him', 'hang her', 'gun them down',
  'gun him down', 'line them up', 'lined up and shot', 'shoot them all', 'kill them all', 'kill all of them',
];

/** Menace without a violence verb. */
export const MENACES: readonly string[] = [
  'watch your back', 'we know where you live', 'i know where you live', 'know where you live', 'you will pay',
  "you'll pay", 'you will regret', "you'll regret", 'your days are numbered', 'sleep with one eye open',
  "you're dead", 'you are dead', 'dead meat', 'coming for you', 'come for you', 'i will find you', "i'll find you",
  'we will find you', "we'll find you", 'find you and', 'hunt you down', 'track you down', 'see you in hell',
  'you have been warned', "you've been warned", 'last warning', 'better watch out', 'watch yourself',
  'pay for this', 'in a body bag', 'six feet under', 'meet you outside', 'wait for you outside',
  "what's coming to you", "get what's coming", "what's coming to him", "what's coming to them", 'lock and load',
];

/** Who the speaker means to do it: first person subjects and intent auxiliaries. */
export const FIRST_PERSON: readonly string[] = ['i', 'we', "i'll", "we'll", "i'm", "we're", 'im', 'ima', "i'd", "we'd", 'id'];
export const INTENT_WORDS: readonly string[] = [
  'will', 'wil', 'gonna', 'going', 'shall', 'would', 'want', 'wanna', 'gotta', 'should', 'could', 'can', 'must',
  'plan', 'intend', 'am', 'are', 'll', 'to', 'ought', 'like', 'love', 'happily', 'personally',
];
/** Targets: the reader, or a person or group in the third person. */
export const TARGETS: readonly string[] = [
  'you', 'u', 'ya', 'your', 'ur', 'yourself', 'him', 'her', 'them', 'his', 'their', 'these', 'those', 'every',
  'all', 'each', 'yall', "y'all",
];
