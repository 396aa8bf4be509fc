import { describe, expect, it } from 'vitest'
import { SECTION_TITLES, type SectionKey } from '../rules/template.ts'
import { sectionForHeading } from './reportHeadings.ts'

/** Real headings from the weekly reports in shared/data, with where each belongs. */
const CASES: Array<[string, SectionKey | null]> = [
  ["This Week's Achievements", 'accomplished'],
  ['This Week’s Achievements – *Broken Calculator Game*', 'accomplished'],
  ["This Week's Progress", 'accomplished'],
  ['What I Worked On', 'accomplished'],
  ['What’s New This Week?', 'accomplished'],
  ['Midterm Evaluation Summary (Weeks 1–6)', 'accomplished'],
  ['Key Learnings', 'accomplished'],
  ['Lessons from the PR Review Process', 'accomplished'],
  ['Mentor Feedback & Key Takeaways', 'accomplished'],
  ['Challenges & How I Overcame Them', 'struggled'],
  ['Challenge & Key Learning', 'struggled'],
  ['Known Issues & Blockers', 'struggled'],
  ["Next Week's Roadmap", 'nextWeekGoals'],
  ['Next Week’s Roadmap', 'nextWeekGoals'],
  ["What's Next?", 'nextWeekGoals'],
  ['Plans for Next Week', 'nextWeekGoals'],
  ['Sneak Peek & Road Ahead', 'nextWeekGoals'],
  ['Closing Thoughts and Next Steps', 'nextWeekGoals'],
  ['Acknowledgments', 'feedbackForMentor'],
  ['Acknowledgements', 'feedbackForMentor'],
  ['Open Questions', 'questions'],
  ['Goals for This Week', null],
  ['Resources & References', null],
  ['Connect with Me', null],
  ['Overview', null],
  ['Week 01 Progress Report by Anvita Prasad', null],
  ['Community Bonding Period Progress Report by Krish Pandya', null],
]

describe('sectionForHeading: real report headings land in the template section they mean', () => {
  it.each(CASES)('%s → %s', (heading, section) => {
    expect(sectionForHeading(heading)).toBe(section)
  })

  it("the template's own headings land in their own sections", () => {
    for (const [key, title] of Object.entries(SECTION_TITLES)) expect(sectionForHeading(title)).toBe(key)
  })
})
