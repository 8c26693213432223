// Dismissive, condescending and taunting phrases, Parley's own list (MIT). Not insults by themselves,
// they are the incivility of news comments ("educate yourself", "nobody cares") that word lists miss.
export const DISMISSIVE_PHRASES: readonly string[] = [
  'educate yourself', 'get a clue', 'get a life', 'get a grip', 'get real', 'grow up', 'grow a brain',
  'lol you people', 'you people', 'nobody cares', 'no one cares', 'who cares', 'shut up', 'shut your mouth',
  'shut it', 'go away', 'get lost', 'give me a break', 'spare me', 'cry me a river', 'boo hoo', 'boohoo',
  'do your research', 'do some research', 'read a book', 'learn to read', 'learn to spell', 'try reading',
  'try thinking', 'use your brain', 'use your head', 'think for yourself', 'wake up', 'open your eyes',
  'clearly you', 'obviously you', 'you clearly', 'you obviously', 'you have no idea', "you've no idea",
  'you know nothing', "you don't know", 'you do not know', 'you have no clue', "you don't understand",
  'you do not understand', 'you fail to', 'you missed the point', 'missed the point', 'nice try', 'yeah right',
  'sure jan', 'ok boomer', 'okay boomer', 'bless your heart', 'how cute', 'poor you', 'sweetie', 'honey',
  'sweetheart', 'little man', 'kiddo', 'snowflake', 'triggered', 'cope', 'seethe',
  'stay mad', 'go back to school', 'back to school', 'simple minded', 'hot air', 'drivel', 'nonsense',
  'garbage', 'rubbish', 'ridiculous', 'absurd', 'laughable', 'pathetic', 'what a joke', 'is a joke',
  'ignorant', 'clueless', 'typical', 'spoken like', 'says the', 'tell that to', 'newsflash', 'news flash',
  'fake news', 'propaganda', 'shill', 'paid troll', 'brainwashed', 'sheeple', 'libtard', 'conservatard',
  'trumpkin', 'snowflakes', 'idiotic', 'stupidity', 'smh', 'facepalm', 'eye roll', 'yawn',
];

/** Weak signs of a taunting tone: counted as features, worth little alone. */
export const TAUNT_WORDS: readonly string[] = [
  'lol', 'lmao', 'lmfao', 'rofl', 'haha', 'hahaha', 'whatever', 'liberals', 'libs', 'leftist', 'leftists',
  'lefties', 'righties', 'conservatives', 'cons', 'progressives', 'rag', 'sheep', 'idiocy', 'hypocrisy', 'moronic',
];
