import type { AnyEvent } from '../shared/events.ts'
import { conflict, notFound } from '../shared/errors.ts'
import type { PersonEvent, WorkingHours } from './events.ts'

export interface PersonState {
  exists: boolean
  role: 'ADMIN' | 'MEMBER'
  email: string
  name: string
  timeZone: string
  workingHours: WorkingHours[]
}

export const initialState: PersonState = {
  exists: false,
  role: 'MEMBER',
  email: '',
  name: '',
  timeZone: 'UTC',
  workingHours: [],
}

export function evolve(state: PersonState, event: AnyEvent): PersonState {
  const e = event as PersonEvent
  switch (e.type) {
    case 'PersonRegistered':
      return { exists: true, ...e.data }
    case 'PersonUpdated': {
      const { personId: _, ...changes } = e.data
      return { ...state, ...stripUndefined(changes) }
    }
    default:
      return state
  }
}

export interface RegisterPerson {
  type: 'RegisterPerson'
  personId: string
  email: string
  name: string
  timeZone: string
  workingHours: WorkingHours[]
  role: 'ADMIN' | 'MEMBER'
}

export interface UpdatePerson {
  type: 'UpdatePerson'
  personId: string
  name?: string
  timeZone?: string
  workingHours?: WorkingHours[]
}

export function decide(command: RegisterPerson | UpdatePerson, state: PersonState): PersonEvent[] {
  switch (command.type) {
    case 'RegisterPerson': {
      if (state.exists)
        throw conflict('email_taken', `a person with email ${command.email} is already registered`)
      const { type: _, ...data } = command
      return [{ type: 'PersonRegistered', data }]
    }
    case 'UpdatePerson': {
      if (!state.exists) throw notFound('person')
      const { type: _, ...data } = command
      const changed = stripUndefined(data)
      const unchanged = Object.entries(changed).every(
        ([key, value]) =>
          key === 'personId' || JSON.stringify(value) === JSON.stringify(state[key as keyof PersonState]),
      )
      return unchanged
        ? []
        : [{ type: 'PersonUpdated', data: changed as PersonEvent['data'] & { personId: string } }]
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
