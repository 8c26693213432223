// English stop words for relevance (off-topic, references to the story), Parley's own list (MIT).
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although always am among an and another any anyone anything
  are aren't around as at away back be became because become been before being below best better between both
  but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during each either else
  enough even ever every everyone everything far few first for from further get gets getting give go goes going
  gone good got great had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
  him himself his how how's however i i'd i'll i'm i've if in instead into is isn't it it's its itself just know
  last least less let let's like likely made make makes making many may maybe me might mine more most much must
  mustn't my myself need never new no nobody none nor not nothing now of off often oh ok okay old on once one
  only or other others otherwise ought our ours ourselves out over own part people per perhaps please put quite
  rather really right said same say says see seem seems seen shall shan't she she'd she'll she's should shouldn't
  since so some someone something sometimes still such sure take than that that's the their theirs them
  themselves then there there's these they they'd they'll they're they've thing things think this those though
  through thus time to too took toward true two under until up upon us use used very via want was wasn't way we
  we'd we'll we're we've well went were weren't what what's whatever when when's where where's whether which
  while who who's whole whom whose why why's will with within without won't would wouldn't yes yet you you'd
  you'll you're you've your yours yourself yourselves lol im dont cant wont didnt doesnt isnt thats theyre youre
  article story author writer piece comment comments read reading agree disagree point yeah yep nope also`
    .split(/\s+/)
    .filter(Boolean),
);
