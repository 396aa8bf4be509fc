import { describe, expect, it } from 'vitest'
import { given } from '../shared/givenWhenThen.ts'
import { decide, evolve, initialState } from './decider.ts'

const person = { initialState, evolve }
const personId = '66666666-6666-4666-8666-666666666666'
const register = {
  type: 'RegisterPerson' as const,
  personId,
  email: 'a@b.c',
  name: 'A',
  timeZone: 'Asia/Kathmandu',
  workingHours: [],
  role: 'MEMBER' as const,
}

describe('person decider', () => {
  it('an email registers one person', () => {
    const registered = given(person, decide(register, given(person, [])))
    expect(registered).toMatchObject({ exists: true, timeZone: 'Asia/Kathmandu' })
    expect(() => decide(register, registered)).toThrow(expect.objectContaining({ reason: 'email_taken' }))
  })

  it('an update records only what changed', () => {
    const registered = given(person, decide(register, given(person, [])))
    expect(decide({ type: 'UpdatePerson', personId, timeZone: 'Asia/Kathmandu' }, registered)).toEqual([])
    expect(decide({ type: 'UpdatePerson', personId, timeZone: 'America/St_Johns' }, registered)).toEqual([
      { type: 'PersonUpdated', data: { personId, timeZone: 'America/St_Johns' } },
    ])
  })

  it('an unknown person cannot be updated', () => {
    expect(() => decide({ type: 'UpdatePerson', personId, name: 'B' }, given(person, []))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })
})
