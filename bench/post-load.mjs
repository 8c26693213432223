// Load generator for the comment-post benchmark (run by bench/server.ts, pinned to its own CPU):
// `node bench/post-load.mjs <url> <seconds> <connections>` posts distinct, realistic reader comments
// to the bench story and prints autocannon's JSON result on one line.
// Every post differs: two or three sentences drawn from a pool of news-comment sentences, a number
// or a name that varies, its own author and e-mail, and one of 5,000 client addresses (sent as
// X-Forwarded-For; the server runs with TRUST_PROXY=true, as behind a site's reverse proxy), so the
// moderation models, the relevance cache and the author history see what a real story's thread sees.
// Plain JavaScript: it runs without the TypeScript loader, so the generator stays light.
import autocannon from 'autocannon';

const [url, seconds = '10', connections = '10'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/post-load.mjs <url> [seconds] [connections]');
  process.exit(2);
}

const OPENERS = [
  'Finally some good news for the east side.',
  'I walked through the new park on Sunday with my kids.',
  'Good to see the harbor land used for something other than parking.',
  'The article leaves out how much the project ended up costing.',
  'My neighbours have waited almost ten years for this.',
  'I was at the opening on Saturday and it was packed.',
  'As someone who lives two streets away, I have mixed feelings.',
  'Thanks for covering this, the other papers ignored it.',
  'The photos do not do it justice.',
  'I hope the city has a plan to maintain it this time.',
  'Honestly, the old waterfront was an eyesore, so this is an improvement.',
  'Does anyone know whether dogs are allowed on the lawn?',
];
const MIDDLES = [
  'The playground is great, but there is almost no shade near the benches.',
  'Parking on the side streets was a nightmare all weekend.',
  'The bike path along the water should connect to the bridge, not stop at the fence.',
  'The council promised public toilets and there are none yet.',
  'The trees they planted are tiny and will take years to give any shade.',
  'Night lighting along the boardwalk would make it feel a lot safer.',
  'The splash pad was closed for repairs on the second day.',
  'Bus service to the harbor still ends at seven in the evening.',
  'The new seawall should protect the path from the winter storms.',
  'Local contractors did most of the work, which is good for the neighbourhood.',
  'The budget overrun was never explained at the council meetings.',
  'The community garden plots were all taken within an hour.',
  'Noise from the concerts will be a problem for the apartments on Dock Street.',
  'Accessible ramps to the pier are a welcome change.',
  'There are only two water fountains for the whole park.',
];
const CLOSERS = [
  'Overall I think it was worth the money.',
  'Later opening hours in summer would help families who work late.',
  'I would like to see the full maintenance budget published.',
  'Hopefully the next phase includes the skate park they promised.',
  'Let us see how it looks after the first winter.',
  'Can the paper follow up on the cost figures next month?',
  'We will be back next weekend with the grandparents.',
  'The council should ask residents before the second phase starts.',
];
const NAMES = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kim', 'Liam', 'Maya', 'Noor', 'Oskar', 'Priya'];

let n = 0;
function nextComment() {
  const i = n++;
  // A cheap mixing of the counter so that neighbouring posts differ in every part.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const parts = [OPENERS[h % OPENERS.length], MIDDLES[(h >>> 8) % MIDDLES.length]];
  if ((h >>> 16) % 3 !== 0) parts.push(CLOSERS[(h >>> 20) % CLOSERS.length]);
  const detail = [
    `I counted ${3 + (i % 40)} benches on the main path.`,
    `We got there at ${1 + (i % 12)}:${String((i * 7) % 60).padStart(2, '0')} and it was already busy.`,
    `${NAMES[i % NAMES.length]} from my street said the same at the meeting.`,
    `The sign says the second phase opens in ${2020 + 6 + (i % 4)}.`,
  ][(h >>> 12) % 4];
  parts.splice(1 + ((h >>> 4) % 2), 0, detail);
  return {
    site: 'bench',
    story: 'posts',
    name: `${NAMES[(h >>> 3) % NAMES.length]} R. ${i}`,
    email: `reader-${i}@bench.example`,
    body: parts.join(' '),
    address: `10.${(i >>> 16) & 255}.${((i % 5000) >>> 8) & 255}.${(i % 5000) & 255}`,
  };
}

const instance = autocannon(
  {
    url: `${url}/api/v1/comments`,
    connections: Number(connections),
    duration: Number(seconds),
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const { address, ...comment } = nextComment();
          return {
            ...req,
            headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': address },
            body: JSON.stringify(comment),
          };
        },
      },
    ],
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    console.log(JSON.stringify({ ...result, posted: n }));
  },
);
instance.on('error', (err) => console.error(err));
