const stopWords = new Set(
  `a an the of in on for to at from with and or by per is are was were be been do does did what which who how why when where
  we our us you your they their it its this that these those there here than then as about into over under any all
  can could should would will may might must me my i tell show give know let please much many more most some
  have has had not no yes so if but also just very really whats hows whos wheres lets thats`.split(/\s+/),
);

/** Content words, lightly stemmed, for matching questions against sentences. */
export function contentTerms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}.%$]+/u)
    .map((w) => w.replace(/^[.]+|[.]+$/g, ''))
    .filter((w) => w.length > 1 && !stopWords.has(w))
    .map(stem);
}

function stem(word: string): string {
  if (/^\d/.test(word)) return word;
  return (
    word
      .replace(/(ies)$/, 'y')
      .replace(/(ing|ed|es|s)$/, '')
      .replace(/(.)\1$/, '$1') || word
  );
}
