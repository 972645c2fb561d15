/**
 * The cue phrases the deterministic drafter listens for, as data in one place. Each list says
 * which section of the record it feeds; the sections themselves come from the seeds.
 */

/** Decisions: "agreed that", "we've decided", "decision:". */
export const decisionCues: readonly RegExp[] = [
  /\bit (?:was|is|has been) agreed\b/i,
  /\b(?:we|everyone|all|the meeting|the group)(?: have| has|'ve)? (?:all )?agreed\b(?! to disagree)/i,
  /\bagreed that\b/i,
  /\b(?:we|the meeting)(?: have| has|'ve)? decided\b/i,
  /\bdecided that\b/i,
  /\b(?:the|our) decision (?:is|was)\b/i,
  /^(?:\W*\w+,\s*)?decision\s*[:\-–]/i,
  /\b(?:that's|that is|so that's) (?:agreed|decided)\b/i,
  /\bwe(?:'re| are) all agreed\b/i,
  /\bresolved that\b/i,
];

/** An explicit action: "Action: …", "Action for Priya: …", "Action point – …". */
export const explicitActionCue =
  /^(?:\W*(?:so|okay|ok|right|and),?\s*)?actions?(?:\s+points?)?(?:\s+(?:for|on)\s+([^:,\-–]{1,60}?))?\s*[:\-–]\s*(\S.*)$/i;

/** A commitment after an owner: "will", "'ll", "is going to", "to" (as in "Priya to refer"). */
export const commitmentAfterOwner =
  /^[\s,]*(?:(?:will|'ll|is going to|are going to|has agreed to|have agreed to|agreed to|is to|are to|can|could|to)\s+)(?:(?:now|also|then|please|kindly|just)\s+)?([a-z][\w'-]*)\b/i;

/** First person commitments, owner = the speaker. */
export const firstPersonCommitment =
  /\b(?:I(?:'ll| will| am going to|'m going to| can| have agreed to| agreed to)|leave (?:that|it) with me,? I(?:'ll| will))\s+(?:(?:now|also|then|just|certainly|definitely)\s+)?([a-z][\w'-]*)\b/i;

/** Commitments by the speaker's agency: "we will …", "we'll …". */
export const agencyCommitment =
  /\b(?:we(?:'ll| will| are going to|'re going to| can))\s+(?:(?:now|also|then|just)\s+)?([a-z][\w'-]*)\b/i;

/** Requests to someone named at the start: "Priya, can you send … by Friday?". */
export const requestToNamed =
  /^(?:\W*(?:so|and|okay|ok),?\s*)?(.{2,40}?),\s+(?:can|could|would|will) you\s+(?:please\s+)?([a-z][\w'-]*)\b/i;

/** Verbs that make a task: a commitment with one of these (or a timescale) is an action. */
export const taskVerbs: ReadonlySet<string> = new Set(
  (
    "apply arrange ask assess attend book call chase check circulate complete confirm contact convene " +
    "coordinate co-ordinate draft email explore file find follow identify invite liaise make meet organise " +
    "organize prepare provide put refer request review ring seek send set share source speak start submit " +
    "take undertake update visit write offer look get update complete fund agree discuss progress escalate " +
    "carry do give lead run notify inform record register ensure support consult instruct"
  ).split(" "),
);

/** Verbs of talking about the meeting itself, never tasks ("I'll hand over", "I'll just say"). */
export const meetingTalkVerbs: ReadonlySet<string> = new Set(
  (
    "say hand pass talk go just be move come add mention note introduce summarise summarize " +
    "read let leave stop keep try chair explain briefly quickly recap repeat bring turn pick"
  ).split(" "),
);

/** Departments people commit on behalf of: "the school will …", "health will …". */
export const departmentCue =
  /\b(?:the\s+)?(school|local authority|la|health|camhs|housing|police|social care|children's services|virtual school|nursery|college|the court|legal)\s+(?:will|is going to|are going to|to)\s+([a-z][\w'-]*)\b/i;

/** The child's views (seed 001, "How is the child's voice taken into account?"). */
export const childViewCues: readonly RegExp[] = [
  /\b(?:views?|wishes(?: and feelings)?|feelings|voice)\b/i,
  /\b(?:told|tells|said|says|has said|asked|asks)\b/i,
  /\b(?:wants?|would (?:like|love|prefer|rather)|does(?:n't| not) want|doesn't like|likes|loves|enjoys|misses|hates)\b/i,
  /\b(?:is|feels|felt|was) (?:worried|scared|frightened|happy|sad|anxious|upset|safe|unsafe|lonely|settled)\b/i,
  /\ball about me\b/i,
];

/** How the child's views shaped decisions (seed 001). */
export const influenceCues: readonly RegExp[] = [
  /\b(?:taking|taken|take|takes|took) (?:\w+'s |his |her |their )?(?:views|wishes)(?: and feelings)? into account\b/i,
  /\bbecause (?:\w+ )?(?:said|told|wants|asked|has said|has asked)\b/i,
  /\bin (?:light|line) (?:of|with) (?:\w+'s |his |her |their )?(?:views|wishes)\b/i,
  /\b(?:views|wishes) (?:(?:have|has|had) )?(?:shaped|informed|influenced|led)\b/i,
  /\breflects? (?:\w+'s |his |her |their )?(?:views|wishes)\b/i,
  /\bwhich is what (?:he|she|they|\w+) (?:wants|wanted|asked for|said)\b/i,
  /\b(?:as|like) (?:he|she|they|\w+) (?:asked|wanted|requested)\b/i,
];

/** Why the child's views were not acted on (seed 001, "and if not acted upon, why not"). */
export const notActedOnCues: readonly RegExp[] = [
  /\bdespite (?:his|her|their|\w+'s) (?:wish|wishes|views)\b/i,
  /\b(?:not (?:able|possible)|unable|can(?:'|no)?t|won't be able) to (?:\w+ ){0,3}(?:what (?:he|she|they) (?:wants|asked)|(?:his|her|their) (?:wish|wishes|request))\b/i,
  /\b(?:wish|wishes|views?)(?: to [\w' ]{1,40}?)? (?:can(?:'|no)?t|could not|couldn't|will not|won't) be (?:met|followed|acted on|promised|guaranteed|agreed)\b/i,
];

/** Contingency plan (seed 001, "What if progress is not being made?"). */
export const contingencyCues: readonly RegExp[] = [
  /\bcontingency\b/i,
  /\bif (?:there is no|there's no|there isn't|we don't see|we do not see) (?:\w+ )?(?:progress|improvement|change)\b/i,
  /\bif (?:progress|things|the situation|attendance|engagement) (?:is not|isn't|are not|aren't|does not|doesn't|do not|don't) (?:\w+ )?(?:made|improve|improving|change|progress)/i,
  /\bshould (?:progress|things) not\b/i,
  /\b(?:fall ?back|plan b|back-up plan)\b/i,
  /\bif (?:this|that|the plan|the placement) (?:fails|breaks down|doesn't work|does not work)\b/i,
];

/** How progress is measured (seed 001, "How is progress assessed?"). */
export const progressCues: readonly RegExp[] = [
  /\bprogress will be (?:measured|monitored|reviewed|tracked)\b/i,
  /\bmeasur(?:e|ed|ing) (?:progress|success|change)\b/i,
  /\bmeasured (?:by|through|using|against)\b/i,
  /\b(?:safety scale|scaling question|scaled|sdq|strengths and difficulties|outcome star)\b/i,
  /\b(?:monitor|track|check)(?:ed|ing|s)? (?:progress|attendance|weight|engagement)\b/i,
  /\bwe(?:'ll| will) know (?:it's|it is|that|if)\b/i,
];

/** The next review (seed 001, "When will the plan/purpose of the meeting be reviewed?"). */
export const nextReviewCues: readonly RegExp[] = [
  /\bnext (?:review|meeting|professionals'? meeting|progress meeting|care planning meeting|core group)\b/i,
  /\breview (?:meeting|professionals'? meeting)\b/i,
  /\b(?:reconvene|meet again|follow[- ]up meeting)\b/i,
];

/** Key points: concerns and summaries. */
export const keyPointCues: readonly RegExp[] = [
  /\b(?:key|main|biggest|significant|central) (?:point|issue|concern|worry|risk|thing|need)s?\b/i,
  /\b(?:the|our|my) (?:\w+ )?(?:concern|worry) (?:is|was|remains)\b/i,
  /\bconcerns? (?:is|are|remain|remains|about|that)\b/i,
  /\b(?:worried|concerned) (?:that|about)\b/i,
  /\b(?:to summari[sz]e|in summary|summing up|the headline is)\b/i,
  /\b(?:important|crucial|essential) (?:that|to note)\b/i,
];

/** Words that move the meeting to an agenda item ("moving on to item 3"). */
export const agendaTransition =
  /\b(?:move|moving|go|going|turn|turning|come|coming|start|starting|begin|onto|on to|finally|lastly|next (?:is|up|item|agenda item|point)|takes us to|brings us to|let's look at|let's talk about|look at|now to)\b/i;

/** Numbers said as words, as the drafter meets them in agenda items and timescales. */
export const cardinalWords: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};

/** "item 3", "agenda point four". */
export const agendaNumber =
  /\b(?:agenda\s+)?(?:item|point)\s+(?:number\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i;

/** "the next item", "next agenda item". */
export const nextAgendaItem = /\bnext (?:agenda )?(?:item|point)\b/i;
