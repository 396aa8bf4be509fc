/** Test fixture: the article's goal list, exactly as printed under "Tracking Progress and Goals". */
export const ARTICLE_GOALS = `## Q1 2026 Goals

### Technical Skills
- [ ] Complete TypeScript migration on feature module
- [ ] Lead code review for small PR
- [ ] Pass internal system design interview

### Process Understanding
- [ ] Ship feature through full product cycle
- [ ] Participate in on-call rotation
- [ ] Contribute to architecture decision

### Communication
- [ ] Write three technical blog posts
- [ ] Present demo to team
- [ ] Mentor an intern
`
