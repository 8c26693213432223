// Insults and epithets aimed at people (nouns and adjectives), Parley's own list.
// Written for Parley (MIT, same as the project). Kept short and readable on purpose: every entry is a
// word that, aimed at a person ("you are an X", "the author is X"), is a personal attack.
// Slurs against identity groups live in identity.ts, plain swearwords in profanity.ts.

/** Nouns: "you idiot", "what a moron". */
export const INSULT_NOUNS: readonly string[] = [
  'idiot', 'idiots', 'moron', 'morons', 'imbecile', 'imbeciles', 'cretin', 'cretins', 'fool', 'fools',
  'dumbass', 'dumbasses', 'jackass', 'jackasses', 'dimwit', 'dimwits', 'halfwit', 'halfwits', 'nitwit', 'nitwits',
  'numbskull', 'numbskulls', 'dunce', 'dunces', 'buffoon', 'buffoons', 'clown', 'clowns', 'loser', 'losers',
  'scumbag', 'scumbags', 'scum', 'lowlife', 'lowlifes', 'creep', 'creeps', 'pervert', 'perverts', 'degenerate',
  'degenerates', 'parasite', 'parasites', 'leech', 'leeches', 'troll', 'trolls', 'hypocrite', 'hypocrites',
  'liar', 'liars', 'coward', 'cowards', 'traitor', 'traitors', 'bigot', 'bigots', 'racist', 'racists',
  'jerk', 'jerks', 'twit', 'twits', 'prat', 'prats', 'pillock', 'pillocks', 'plonker', 'git', 'gits',
  'numpty', 'muppet', 'muppets', 'tosser', 'tossers', 'wanker', 'wankers', 'douchebag', 'douchebags', 'douche',
  'asshole', 'assholes', 'arsehole', 'arseholes', 'bastard', 'bastards', 'bitch', 'bitches', 'prick', 'pricks',
  'dick', 'dicks', 'dickhead', 'dickheads', 'cunt', 'cunts', 'shithead', 'shitheads', 'dipshit', 'dipshits',
  'retard', 'retards', 'psycho', 'psychos', 'lunatic', 'lunatics', 'maniac', 'maniacs', 'nutjob', 'nutjobs',
  'nutcase', 'nutcases', 'sheep', 'sheeple', 'shill', 'shills', 'hack', 'hacks', 'stooge', 'stooges',
  'lackey', 'lackeys', 'sycophant', 'sycophants', 'bootlicker', 'bootlickers', 'snowflake', 'snowflakes',
  'libtard', 'libtards', 'moonbat', 'moonbats', 'wingnut', 'wingnuts', 'pig', 'pigs', 'rat', 'rats',
  'snake', 'snakes', 'weasel', 'weasels', 'slob', 'slobs', 'slut', 'sluts', 'whore', 'whores', 'skank',
  'thug', 'thugs', 'crook', 'crooks', 'fraud', 'frauds', 'charlatan', 'charlatans', 'ignoramus', 'simpleton',
  'simpletons', 'blockhead', 'bonehead', 'boneheads', 'airhead', 'airheads', 'knucklehead', 'knuckleheads',
  'waste of space', 'piece of shit', 'piece of garbage', 'piece of work', 'sack of shit',
];

/** Adjectives and negative evaluations of a person: "you are stupid", "your ignorant article". */
export const INSULT_ADJECTIVES: readonly string[] = [
  'stupid', 'stupidest', 'dumb', 'dumber', 'dumbest', 'idiotic', 'moronic', 'ignorant', 'brainless', 'clueless',
  'mindless', 'witless', 'dense', 'thick', 'dim', 'dimwitted', 'halfwitted', 'retarded', 'pathetic',
  'worthless', 'useless', 'disgusting', 'despicable', 'contemptible', 'vile', 'repulsive', 'loathsome',
  'pitiful', 'laughable', 'ridiculous', 'delusional', 'deranged', 'demented', 'insane', 'crazy', 'unhinged',
  'brainwashed', 'gullible', 'spineless', 'gutless', 'dishonest', 'corrupt', 'lying', 'hypocritical',
  'incompetent', 'inept', 'illiterate', 'uneducated', 'ugly', 'fat', 'smug', 'arrogant', 'pompous',
  'sanctimonious', 'condescending', 'ignorant', 'shameless', 'sick', 'twisted', 'evil', 'scummy', 'sleazy',
  'slimy', 'trashy', 'garbage', 'trash', 'rubbish', 'crap', 'crappy', 'shitty', 'lame', 'dopey', 'daft',
  'silly', 'childish', 'juvenile', 'infantile', 'hysterical', 'paranoid', 'senile', 'small-minded', 'narrow-minded',
];
