/**
 * The words people use when they answer Convene by email, in one place. classify-intent.ts reads
 * these lists; test/unit/email/classify-intent.test.ts holds real phrasings for each.
 *
 * Every entry is a regular expression source matched against the normalised fresh text (lowercase,
 * straight quotes, single spaces, dashes as "-"). Word boundaries are the author's job.
 */

/** Words that flip what follows them within a few words ("I don't agree", "not approved"). */
export const negators = [
  String.raw`\bnot\b`,
  String.raw`n't\b`,
  String.raw`\bnever\b`,
  String.raw`\bno longer\b`,
  String.raw`\bunable to\b`,
  String.raw`\bcannot\b`,
  String.raw`\bcan not\b`,
];

/** How many words before a keyword a negator still reaches. */
export const negationWindowWords = 4;

/** Doubt: the person has not decided, so the reply is not an answer. */
export const hedges = [
  String.raw`\bnot sure\b`,
  String.raw`\bunsure\b`,
  String.raw`\bmaybe\b`,
  String.raw`\bperhaps\b`,
  String.raw`\bmight\b`,
  String.raw`\bpossibly\b`,
  String.raw`\btbc\b`,
  String.raw`\bto be confirmed\b`,
  String.raw`\btentative(ly)?\b`,
  String.raw`\bwill try\b`,
  String.raw`\bhope to\b`,
];

export const invitationPhrases = {
  /** Saying they will not come (checked before `accept`, whose words these contain). */
  cannotAttend: [
    String.raw`\b(can't|cannot|can not|couldn't|could not|won't|will not|unable to|not able to|not be able to) (be able to )?(attend|make it|make the meeting|come|join|be there|be present|take part)\b`,
    String.raw`\bnot (be )?(attending|coming|joining|available)\b`,
    String.raw`\b(unavailable|on leave|on annual leave|off sick|out of (the )?office|on holiday)\b`,
    String.raw`\bclash(es)? with\b`,
    String.raw`\bdouble[- ]booked\b`,
    String.raw`\bdeclin(e|ed|ing)\b`,
    String.raw`\bregrets?\b`,
    String.raw`\baccept (my|our) (apologies|regrets)\b`,
  ],
  /** Apologies, the polite form of not coming (seed 001: a key agency that sends apologies owes a report). */
  apologies: [
    String.raw`\bapolog(y|ies|ise|ize|ising|izing)\b`,
    String.raw`\bsorry\b`,
    String.raw`\bsend (my|our) apologies\b`,
  ],
  /** A written report is attached to this reply. */
  reportAttached: [
    String.raw`\b(report|update|statement) (is )?(attached|enclosed)\b`,
    String.raw`\b(attached|enclosed|attaching|please find)\b.{0,40}\b(report|update|statement)\b`,
    String.raw`\bhere is (my|our) (written )?(report|update)\b`,
  ],
  /** A written report will follow. */
  reportPromised: [
    String.raw`\b(will|i'll|we'll|shall|going to) (send|provide|forward|email|submit|share|write)\b.{0,40}\b(report|update|statement)\b`,
    String.raw`\b(sending|providing|submitting|forwarding) (my|our|a) (written )?(report|update|statement)\b`,
    String.raw`\b(report|update|statement) (will|to) follow\b`,
    String.raw`\b(written|verbal) (report|update)\b`,
  ],
  accept: [
    String.raw`\b(i'll|i will|we'll|we will|i shall|i can|we can|i am able to|i'm able to) (be there|attend|make it|join|come)\b`,
    String.raw`\b(happy|pleased|glad|delighted) to (attend|join|come|be there)\b`,
    String.raw`\b(will|shall) (attend|be attending|be there|join)\b`,
    String.raw`\b(i am|i'm|we are|we're) (attending|coming|available)\b`,
    String.raw`\b(accept|accepted|accepting)\b`,
    String.raw`\bconfirm(ed|ing)? (my |our )?(attendance|i can attend|i will attend)\b`,
    String.raw`\bcount me in\b`,
    String.raw`\bsee you (there|then|on)\b`,
    String.raw`\battending\b`,
  ],
  /** Short affirmatives that answer an invitation only when nothing else is said. */
  yes: [String.raw`^(yes|yep|yeah|ok|okay|sure|fine|confirmed|will do)\b`],
};

export const approvalPhrases = {
  /** "No changes" and the like: approval signals, removed before change words are looked for. */
  noChanges: [
    String.raw`\bno (further |other )?(changes?|amendments?|corrections?|comments?|edits?|issues?)\b`,
    String.raw`\bnothing (further )?to (change|add|amend|correct)\b`,
    String.raw`\bno need (for|to) (any )?(change|amend|correct)\w*\b`,
    String.raw`\b(don't|do not) (need|have|require) any (changes?|amendments?|corrections?)\b`,
    String.raw`\bwithout (any )?(changes?|amendments?)\b`,
    String.raw`\b(are|is|all|looks?|seems?) (correct|accurate|right)\b`,
  ],
  /** The person wants the minutes changed; the text is kept as the change request. */
  changes: [
    String.raw`\bamend(ment|ments|ed|ing)?\b`,
    String.raw`\bchange(s|d)?\b`,
    String.raw`\bcorrection(s)?\b`,
    String.raw`\b(please|pls|needs? to be|should be|to be) correct(ed)?\b`,
    String.raw`\bcorrect(ed)? to\b`,
    String.raw`\bshould (also |now |instead |really )?(read|say|state|be|include|mention|note|record|show)\b`,
    String.raw`\b(also )?needs? to (say|mention|include|record|note|show)\b`,
    String.raw`\b(please|pls|can you|could you) (update|add|remove|delete|replace|reword|insert|include)\b`,
    String.raw`\b(inaccura(te|cy)|incorrect|wrong|mistake|typo|error|omitted|missing|missed)\b`,
    String.raw`\bnot (quite )?(right|accurate|correct)\b`,
    String.raw`\b(subject to|except|apart from)\b`,
    String.raw`\bdisagree\b`,
  ],
  approve: [
    String.raw`\bapprov(e|ed|al|ing)\b`,
    String.raw`\bagree(d|s)?\b`,
    String.raw`\b(happy|content|satisfied) with\b`,
    String.raw`\b(looks?|all) (good|fine|ok|okay)\b`,
    String.raw`\bsign(ed)? off\b`,
    String.raw`\baccept(ed)?\b`,
  ],
  yes: [String.raw`^(yes|yep|ok|okay|fine|confirmed|agreed)\b`],
};

export const actionPhrases = {
  /** Asking for more time (issue 13): "can we extend this to 15 January?", "I need more time". */
  moreTime: [
    String.raw`\b(more time|extra time|an extension|extension (to|until|till)|extend (it|this|the (date|deadline|action))?)\b`,
    String.raw`\b(push (it |this )?back|move (it|this|the (date|deadline)) (back|to)|a (new|later) (date|deadline))\b`,
    String.raw`\b(can('t|not)|could not|couldn't|won't|will not) (make|meet|do it by|manage) (the|this|that) (date|deadline)\b`,
    String.raw`\b(need|needs|needed) (until|till|to the end of)\b`,
  ],
  /** Not finished yet: the reply is a progress note, not a completion. */
  notDone: [
    String.raw`\bnot (yet )?(done|completed?|finished|sent|actioned)\b`,
    String.raw`\b(haven't|have not|hasn't|has not) (yet )?(been )?(done|completed?|finished|sent|actioned|made)\b`,
    String.raw`\b(in progress|ongoing|still waiting|awaiting|chasing|will (do|complete|send))\b`,
  ],
  done: [
    String.raw`\b(done|completed?|finished|actioned|achieved|resolved|closed)\b`,
    String.raw`\b(sent|submitted|made|booked|arranged|held|completed) on\b`,
    String.raw`\b(referral|report|letter|assessment|application|plan) (has been |was )?(sent|made|submitted|completed|done|booked)\b`,
    String.raw`\b(i|we) (have|'ve) (sent|made|submitted|completed|booked|arranged|done)\b`,
  ],
};
