import type { SectionKey } from '../rules/template.ts'

/**
 * Where a heading of a real weekly report belongs in the article's template (PRODUCT §1), judged
 * from 332 reports of 2025–26 mentoring programs: "This Week's Achievements", "Challenges & How
 * I Overcame Them", "Key Learnings", "Next Week's Roadmap", "Acknowledgments"… The first rule that
 * matches decides, so a mixed heading ("Challenge & Key Learning") goes where its first concern
 * does. Null: no section fits ("Goals for This Week" is a plan made before the week, not what
 * was accomplished; "Resources & References", "Connect with Me", a report's own title).
 *
 * Decisions worth knowing:
 * - Learnings go under "What I Accomplished": the template lists a "[Learning milestone]" there.
 * - Acknowledgments go under "Feedback for Mentor": thanking mentors is "what's working well".
 * - "Mentor Feedback" is feedback *from* the mentor: a takeaway, so accomplished, not feedback
 *   for the mentor.
 */
const RULES: ReadonlyArray<readonly [SectionKey | null, RegExp]> = [
  // A report's own title ("Week 03 Progress Report by …") names the whole report, not a part of it.
  [null, /\bprogress report\b/],
  [
    'feedbackForMentor',
    /\b(feedback for (my |the )?mentors?|acknowledge?ments?|thanks|thank you|gratitude|shout ?outs?)\b/,
  ],
  ['questions', /\b(questions?|where i need help|help wanted)\b/],
  [
    'struggled',
    /\b(challenges?|struggl\w*|blockers?|blocked|obstacles?|difficult\w*|hurdles?|problems? (i )?faced|issues? (i )?faced|known issues|what didnt (ship|work)|what went wrong)\b/,
  ],
  ['nextWeekGoals', /\b(next|roadmap|upcoming|ahead|coming up|future work|to ?do)\b/],
  [
    'accomplished',
    /\b(achievements?|accomplish\w*|progress|highlights?|worked on|what i did|got done|built|completed|shipped|learn\w*|lessons?|takeaways?|whats new|summary|updates?|at a glance)\b/,
  ],
]

/** Case, apostrophes, emoji and punctuation do not matter: "What’s Next?" is "whats next". */
export function headingWords(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function sectionForHeading(heading: string): SectionKey | null {
  const words = headingWords(heading)
  for (const [section, pattern] of RULES) if (pattern.test(words)) return section
  return null
}
