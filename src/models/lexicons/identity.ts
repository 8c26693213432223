// Identity groups and the words that turn a mention of one into hate, Parley's own lists (MIT).
// A mention alone is not hate: the rule (src/models/rules/hate.ts) looks for an identity term NEXT TO
// dehumanizing or generalizing language, a call for exclusion or violence, or a slur.

/** Identity group terms (plurals and adjectives), by protected characteristic. */
export const IDENTITY_TERMS: readonly string[] = [
  // religion
  'muslim', 'muslims', 'islam', 'islamic', 'islamist', 'islamists', 'jew', 'jews', 'jewish', 'christian',
  'christians', 'catholic', 'catholics', 'hindu', 'hindus', 'sikh', 'sikhs', 'atheist', 'atheists', 'buddhist',
  'buddhists', 'mormon', 'mormons', 'evangelical', 'evangelicals', 'zionist', 'zionists',
  // race, ethnicity, national origin
  'black', 'blacks', 'white', 'whites', 'asian', 'asians', 'african', 'africans', 'arab', 'arabs', 'latino',
  'latinos', 'latina', 'latinas', 'hispanic', 'hispanics', 'mexican', 'mexicans', 'chinese', 'indian', 'indians',
  'native', 'natives', 'aboriginal', 'aboriginals', 'indigenous', 'immigrant', 'immigrants', 'migrant',
  'migrants', 'refugee', 'refugees', 'foreigner', 'foreigners', 'pakistani', 'pakistanis', 'somali', 'somalis',
  'syrian', 'syrians', 'gypsy', 'gypsies', 'roma', 'irish', 'polish', 'russian', 'russians', 'palestinian',
  'palestinians', 'israeli', 'israelis', 'iranian', 'iranians', 'turk', 'turks', 'haitian', 'haitians',
  'nigerian', 'nigerians', 'filipino', 'filipinos', 'korean', 'koreans', 'japanese', 'european', 'europeans',
  'albanian', 'albanians', 'romanian', 'romanians', 'illegals', 'aliens',
  // gender, sexual orientation
  'women', 'woman', 'female', 'females', 'girls', 'men', 'males', 'feminist', 'feminists', 'gay', 'gays',
  'lesbian', 'lesbians', 'homosexual', 'homosexuals', 'bisexual', 'bisexuals', 'trans', 'transgender',
  'transgenders', 'transsexual', 'transsexuals', 'queer', 'queers', 'lgbt', 'lgbtq', 'homos',
  // disability
  'disabled', 'autistic', 'autists', 'deaf', 'blind', 'handicapped', 'cripple', 'cripples', 'mentally',
];

/** Slurs: always hateful when aimed at people (kept minimal; the profanity list carries more). */
export const SLURS: readonly string[] = [
  'nigger', 'niggers', 'nigga', 'niggas', 'negroes', 'coon', 'coons', 'darkie', 'darkies', 'jigaboo', 'spic',
  'spics', 'wetback', 'wetbacks', 'beaner', 'beaners', 'chink', 'chinks', 'gook', 'gooks', 'paki', 'pakis',
  'raghead', 'ragheads', 'towelhead', 'towelheads', 'sandnigger', 'kike', 'kikes', 'heeb', 'yid', 'faggot',
  'faggots', 'fag', 'fags', 'dyke', 'dykes', 'tranny', 'trannies', 'shemale', 'retard', 'retards', 'mongoloid',
  'abo', 'abos', 'gyppo', 'pikey', 'muzzie', 'muzzies', 'moslem', 'moslems', 'goyim', 'shylock', 'camel jockey',
  'sand monkey', 'sand monkeys', 'slanteye', 'zipperhead', 'cracker', 'honky', 'honkey', 'redskin', 'redskins',
  'squaw', 'halfbreed', 'mulatto', 'tard', 'spaz', 'homo', 'whitey', 'whiteys',
];

/** Dehumanizing words: people as animals, vermin, disease or filth. */
export const DEHUMANIZING: readonly string[] = [
  'animal', 'animals', 'beast', 'beasts', 'vermin', 'rat', 'rats', 'cockroach', 'cockroaches', 'roach',
  'roaches', 'parasite', 'parasites', 'leech', 'leeches', 'pest', 'pests', 'insect', 'insects', 'ape', 'apes',
  'monkey', 'monkeys', 'pig', 'pigs', 'dog', 'dogs', 'savage', 'savages', 'barbarian', 'barbarians',
  'subhuman', 'subhumans', 'sub-human', 'filth', 'filthy', 'scum', 'trash', 'garbage', 'disease', 'diseased',
  'plague', 'cancer', 'virus', 'infestation', 'infest', 'infesting', 'invaders', 'invasion', 'horde', 'hordes',
  'breed', 'breeding', 'primitive', 'inferior', 'degenerate', 'degenerates', 'evil', 'terrorists', 'terrorist',
  'criminals', 'rapists', 'pedophiles', 'paedophiles', 'perverts', 'sick', 'mentally ill', 'abomination',
  'abominations', 'unnatural', 'freak', 'freaks', 'retarded', 'stupid', 'dirty', 'smelly', 'lazy', 'thieves',
];

/** Calls for exclusion or removal of a group. */
export const EXCLUSION_PHRASES: readonly string[] = [
  'go back to', 'go back where', 'send them back', 'send them all back', 'deport them', 'deport them all',
  'deport all', 'kick them out', 'throw them out', 'get rid of them', 'get them out', 'ban all', 'ban them',
  'should be banned', 'should not be allowed', "shouldn't be allowed", 'not welcome', 'keep them out',
  'close the borders', 'no place in', 'go home', 'wipe them out', 'round them up', 'lock them up',
  'should be deported', 'should be sterilized', 'should not exist', "shouldn't exist", 'do not belong',
  "don't belong",
];

/** Generalizing frames: "all X are", "X are all", "typical X", "these X". */
export const GENERALIZERS: readonly string[] = ['all', 'these', 'those', 'typical', 'every', 'most', 'such'];
