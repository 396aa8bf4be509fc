/** Activities run in the worker's Node process, so unlike workflow code they may do I/O. */
export async function composeNudge(mentee: string, mentor: string | undefined): Promise<string> {
  return mentor ? `${mentor} nudged ${mentee}` : `nobody nudged ${mentee}`
}
