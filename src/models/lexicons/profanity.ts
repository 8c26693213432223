// Profanity (swearwords, obscenities), ordered roughly from most to least common.
// Starter list written for Parley (MIT); extended from an npm lexicon, see the bottom of this file.
export const PROFANITY_WORDS: readonly string[] = [
  'fuck', 'fucking', 'fucked', 'fucker', 'fuckers', 'fucks', 'fuckin', 'motherfucker', 'motherfuckers',
  'motherfucking', 'shit', 'shits', 'shitty', 'bullshit', 'shite', 'ass', 'asses', 'asshole', 'assholes', 'arse',
  'arsehole', 'bitch', 'bitches', 'bitching', 'bastard', 'bastards', 'cunt', 'cunts', 'dick', 'dicks', 'dickhead',
  'cock', 'cocks', 'cocksucker', 'pussy', 'pussies', 'whore', 'whores', 'slut', 'sluts', 'twat', 'twats',
  'wank', 'wanker', 'wankers', 'bollocks', 'bugger', 'crap', 'damn', 'damned', 'goddamn', 'piss', 'pissed',
  'prick', 'pricks', 'tits', 'titties', 'douche', 'douchebag', 'jackass', 'dumbass', 'dipshit', 'shithead',
  'fag', 'fags', 'faggot', 'faggots', 'nigger', 'niggers', 'nigga', 'niggas', 'retard', 'retards',
];
