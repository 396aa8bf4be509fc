/** The pair's text is for the pair alone (PRODUCT §8): whether the caller acts for a member of it. */
export async function isMember(ctx: { memberOf(): Promise<ReadonlySet<string>> }, mentorshipId: string) {
  return (await ctx.memberOf()).has(mentorshipId)
}
