/** The built-in niche taxonomy of metrics.md §4: niche name → keyword set (each contains its own name). */

export const NICHE_TAXONOMY: Readonly<Record<string, readonly string[]>> = {
  art: ['art', 'artist', 'arttok', 'drawing', 'painting', 'illustration', 'sketch', 'digitalart'],
  beauty: ['beauty', 'makeup', 'skincare', 'beautytok', 'makeuptutorial', 'cosmetics', 'skincareroutine', 'nails'],
  cars: ['cars', 'car', 'cartok', 'carsoftiktok', 'supercar', 'jdm', 'automotive', 'carcheck'],
  comedy: ['comedy', 'funny', 'humor', 'meme', 'memes', 'skit', 'prank', 'standup'],
  dance: ['dance', 'dancer', 'dancechallenge', 'choreography', 'dancetok', 'dancing'],
  diy: ['diy', 'crafts', 'craft', 'howto', 'homemade', 'woodworking', 'upcycle', 'handmade'],
  education: ['education', 'learn', 'learnontiktok', 'edutok', 'study', 'science', 'history', 'teacher'],
  fashion: ['fashion', 'ootd', 'outfit', 'style', 'fashiontok', 'streetwear', 'outfitideas', 'grwm'],
  finance: ['finance', 'money', 'investing', 'personalfinance', 'stocks', 'crypto', 'financetok', 'budgeting'],
  fitness: ['fitness', 'gym', 'gymtok', 'fitnesstok', 'workout', 'fit', 'training', 'bodybuilding', 'exercise'],
  food: ['food', 'cooking', 'recipe', 'foodtok', 'foodie', 'baking', 'easyrecipe', 'chef'],
  gaming: ['gaming', 'gamer', 'gamingtok', 'videogames', 'fortnite', 'minecraft', 'twitch', 'esports'],
  health: ['health', 'wellness', 'mentalhealth', 'nutrition', 'healthy', 'selfcare', 'healthtips', 'yoga'],
  lifestyle: ['lifestyle', 'dayinmylife', 'vlog', 'routine', 'morningroutine', 'aesthetic', 'minimalism'],
  music: ['music', 'singer', 'song', 'cover', 'musician', 'newmusic', 'guitar', 'rap'],
  parenting: ['parenting', 'momtok', 'mom', 'dad', 'dadtok', 'baby', 'momlife', 'toddler'],
  pets: ['pets', 'pet', 'dog', 'cat', 'dogsoftiktok', 'catsoftiktok', 'puppy', 'petlover'],
  sports: ['sports', 'football', 'soccer', 'basketball', 'nba', 'sport', 'athlete', 'tennis'],
  tech: ['tech', 'technology', 'techtok', 'gadgets', 'coding', 'programming', 'ai', 'iphone'],
  travel: ['travel', 'traveltok', 'wanderlust', 'vacation', 'travelgram', 'explore', 'backpacking', 'roadtrip'],
}

/** Niche names in alphabetical order (the tie-break order of the primary niche). */
export const NICHE_NAMES: readonly string[] = Object.keys(NICHE_TAXONOMY).sort()
