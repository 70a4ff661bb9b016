package lex

// StopWords are English function words and words too vague to anchor
// any phrase.
var StopWords = `a about above across after again against all almost along already also
although always am among an and another any anyone anything are around as at
be became because become becomes been before being below besides between beyond both
but by can cannot could did do does doing done down due during each either else
enough especially etc even ever every few for from further furthermore had has
have having he hence her here hers herein hereby him his how however i ie eg if in
indeed instead into is it its itself just last least less let like likely many
may me might more moreover most mostly much must my namely near nearly neither
never nevertheless no nor not now of off often on once one only onto or other
others otherwise our ours out over own per perhaps rather same several shall she
should since so some still such than that the their theirs them themselves then
there thereby therefore these they this those though through throughout thus to
together too toward towards under unless unlike until up upon us very via was we
well were what whatever when whenever where whereas wherever whether which while
who whom whose why will with within without would yet you your yours
i.e e.g vs versus et al`
