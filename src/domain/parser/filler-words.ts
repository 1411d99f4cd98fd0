/**
 * The closed list of words that carry no meaning for a metric query. Time words ("quarter",
 * "next"), averages and order words are deliberately absent: left unplaced they stop the answer.
 * Words that carry no meaning for a metric query. Anything left over after the parser has
 * consumed metrics, dimensions, values and time that is NOT in this list is treated as an
 * unknown term, and the question gets a clarification instead of a silent guess.
 */
export const fillerWords = new Set(
  `a an the of in on for to at from with and or by per each every across over during within into
  what whats what's which who how much many is are was were be been being do does did doing done
  show me us give tell get got gets getting list display please pls can could would will you i we our ours
  my your their its it this that these those there here then than as about around
  total overall all sum combined aggregate entire whole network wide network-wide
  value values number numbers figure figures amount amounts level levels rate rates metric metrics data stats
  did had has have having make made making go went going came come comes generate generated drive drove driven
  see look looking report reporting break broken breakdown split splits segment segmented grouped group
  trend trends trending over time timeline series history historical evolution
  top bottom best worst highest lowest most least biggest smallest largest fewest greatest maximum minimum max min
  leading strongest weakest
  compare compared comparison versus vs vs. against relative
  share shares percentage percent proportion portion mix distribution contribution fraction
  so far up until till through thru since between ending ended end start starting beginning
  period periods date dates
  spent spend
  ad ads advertising advertise advertised campaign-level media paid
  yes no ok okay hey hi hello thanks thank scout
  just only also too even still again
  when where why
  like similar
  currently now today
  get got
  up down out off
  serve served serving deliver delivered delivering run ran running spent earn earned earning generated bring brought
  sort sorted order ordered rank ranked ranking ranks descending ascending desc asc
  perform performs performed performance performing doing going results result kpi kpis
  need needs want wanted quick quickly one pull pulled grab check checking stack stacks stacked compare
  qbr mbr deck slide slides presentation meeting client clients boss team exec execs summary snapshot overview recap update rundown gist tldr takeaways summarise summarize
  u ur pls plz thx thanks ty cheers quick q fyi btw hiya yo morning afternoon team guys folks anyone someone
  know wondering wonder curious possible able tell let lemme gimme wanna gonna kindly help real actual actually exactly
  roughly approximately approx about rough ballpark figure numbers stat breakdown along everything anything something
  fetch find found show shows showing pull pulled sending send share
  saw see seen sees experienced experience posted recorded registered notched witnessed achieved
  name names dollar dollars usd both
  s`.split(/\s+/),
);
