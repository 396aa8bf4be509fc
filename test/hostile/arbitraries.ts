import fc from 'fast-check'
import { createRequire } from 'node:module'
import type { GraphQLInputType } from 'graphql'
import { CHECK_IN } from '../support/program.ts'
import type { DocumentVariable } from '../support/schemaOperations.ts'

/**
 * Variables for any operation, generated from its arguments' GraphQL types: mostly well-shaped
 * values (real ids of a built program among them) so requests get past the first check, and
 * hostile ones — wrong types, nulls for required values, missing and extra fields, huge and
 * malformed strings, NUL bytes, lone surrogates, extreme numbers — at every level.
 */

const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql')

/** Real values of a built program, so generated requests reach the code behind the checks. */
export interface Pools {
  ids: string[]
  emails: string[]
  cursors: string[]
}

const OMIT = Symbol('omit')

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u202Eevil',
  'é', // combining
  '👩🏽‍💻',
  '%00',
  "' or 1=1 --",
  '"; drop table people; --',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  'ﾟ'.repeat(300),
]

const hugeString = fc.constantFrom(
  'x'.repeat(100 * 1024 + 1),
  'é'.repeat(60_000),
  '\u0000'.repeat(10_000),
  '💩'.repeat(40_000),
  'y'.repeat(2 * 1024 * 1024), // over the body limit
)

const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
)

/** A JSON value of the wrong kind for wherever it lands. */
const wrongType = fc.oneof(
  fc.constantFrom(true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, [], {}, [null], { a: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
)

const uuidish = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => `${u}\u0000`),
  fc.uuid().map((u) => ` ${u}`),
  fc.uuid().map((u) => u.replaceAll('-', '')),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
)

const dates = fc.oneof(
  {
    arbitrary: fc.constantFrom('2026-11-16', '2026-11-02', '2026-11-20', '2026-12-31', '2027-01-04'),
    weight: 4,
  },
  {
    arbitrary: fc
      .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '0000-01-01',
      '0001-01-01',
      '9999-12-31',
      '+275760-09-13',
      '-000001-01-01',
      '2026-11-16T00:00:00Z',
      '2026-W47',
      '2026-1-1',
      '20261116',
    ),
    weight: 2,
  },
)

const instants = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-11-20T12:00:00Z',
    '2026-11-20T12:00:00+14:00',
    '2026-11-20T25:00:00Z',
    '2026-11-20',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
  ),
)

const zones = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'Europe/Lisbon',
      'America/New_York',
      'UTC',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Kiritimati',
      'america/new_york',
      'Etc/GMT+12',
      'US/Pacific',
    ),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(
      'Mars/Olympus',
      'local',
      'system',
      'UTC+5',
      '+05:00',
      'Z',
      'EST5EDT',
      'Europe/Lisbon\u0000',
    ),
    weight: 1,
  },
)

const markdown = fc.oneof(
  fc.constant(CHECK_IN),
  fc.string({ maxLength: 200 }).map((s) => `## Week of 2026-11-16\n\n### What I Accomplished\n- ${s}\n`),
  fc.constantFrom(
    '### What I Accomplished\n'.repeat(2000),
    '- '.repeat(5000),
    '>'.repeat(10_000) + ' deep',
    '['.repeat(10_000),
    '<img src=x onerror=alert(1)>',
    '| a |\n|---|\n'.repeat(3000),
  ),
)

const EVENT_TYPES = [
  'CheckInSubmitted',
  'ReplyWritten',
  'MentorshipStarted',
  'PersonRegistered',
  'ApiKeyCreated',
]

const hhmm = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 24 }), fc.constantFrom(0, 30, 59))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    weight: 4,
  },
  { arbitrary: fc.constantFrom('24:00', '25:00', '9:00', '09:60', '-1:00', '12', '12:00:00'), weight: 1 },
)

/** A well-shaped string for an argument or input field, by its name. */
function namedString(name: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (name) {
    case 'markdown':
      return markdown
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom(...pools.emails))
    case 'after':
      return fc.oneof(
        fc.constantFrom(...pools.cursors),
        fc.bigInt({ min: -1n, max: 2n ** 64n }).map(String),
        fc.string({ maxLength: 60 }).map((s) => Buffer.from(s).toString('base64url')),
      )
    case 'types':
      return fc.constantFrom(...EVENT_TYPES)
    case 'start':
    case 'end':
      return hhmm
    default:
      return fc.oneof(fc.string({ maxLength: 30 }), fc.uuid())
  }
}

function scalar(name: string, hint: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...pools.ids), weight: 5 },
        { arbitrary: uuidish, weight: 2 },
      )
    case 'Int':
      return fc.oneof(
        { arbitrary: fc.integer({ min: -2, max: 400 }), weight: 5 },
        { arbitrary: fc.constantFrom(0, 1, 7, 8, 100, 101, 336, 337, 2 ** 31 - 1, -(2 ** 31)), weight: 2 },
      )
    case 'Float':
      return fc.double()
    case 'Boolean':
      return fc.boolean()
    case 'Date':
      return dates
    case 'DateTime':
      return instants
    case 'TimeZone':
      return zones
    case 'JSON':
      return fc.jsonValue({ maxDepth: 3 })
    default:
      return namedString(hint, pools)
  }
}

/**
 * `shaped`: of the right GraphQL type, so the request reaches the resolvers — with nasty strings,
 * extreme numbers and real or malformed ids inside. `hostile`: anything may also be of the wrong
 * type, null where required, missing, extra, or tens of thousands long.
 */
export type Mode = 'shaped' | 'hostile'

/** A value for a GraphQL input type; `hint` is the argument's or field's name. */
export function valueFor(
  type: GraphQLInputType,
  hint: string,
  pools: Pools,
  mode: Mode,
): fc.Arbitrary<unknown> {
  const hostile = mode === 'hostile'
  if (graphql.isNonNullType(type)) {
    const value = valueFor(type.ofType, hint, pools, mode)
    return hostile
      ? fc.oneof({ arbitrary: value, weight: 12 }, { arbitrary: fc.constant(null), weight: 1 })
      : value
  }
  let valid: fc.Arbitrary<unknown>
  if (graphql.isListType(type)) {
    const item = valueFor(type.ofType, hint, pools, mode)
    valid = fc.array(item, { maxLength: 4 })
    if (hostile) {
      valid = fc.oneof(
        { arbitrary: valid, weight: 4 },
        { arbitrary: item, weight: 1 }, // a single value is coerced to a list
        {
          // Tens of thousands of one small item: past any SQL parameter limit, under the body limit.
          arbitrary: item
            .filter((v) => (JSON.stringify(v) ?? '').length <= 20)
            .map((v) => Array.from({ length: 70_000 }, () => v)),
          weight: 1,
        },
      )
    }
  } else if (graphql.isInputObjectType(type)) {
    valid = inputObject(type, pools, mode)
  } else if (graphql.isEnumType(type)) {
    const values = type.getValues().map((v) => v.name)
    valid = fc.constantFrom(...values)
    if (hostile)
      valid = fc.oneof(valid, fc.constantFrom(...values.map((v) => v.toLowerCase()), 'UNKNOWN', ''))
  } else {
    const name = (type as { name: string }).name
    valid = scalar(name, hint, pools)
    if (name === 'String' || name === 'ID') {
      valid = fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: hostileString, weight: 1 })
    }
  }
  return hostile ? fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: wrongType, weight: 1 }) : valid
}

/** Fields of an input object; optional ones left out or null, and when hostile, extra or missing ones. */
function fieldsOf(
  fields: ReadonlyArray<{ name: string; type: GraphQLInputType; hint?: string }>,
  pools: Pools,
  mode: Mode,
): fc.Arbitrary<Record<string, unknown>> {
  const entries = fields.map((field) => {
    const value = valueFor(field.type, field.hint ?? field.name, pools, mode)
    const present = graphql.isNonNullType(field.type)
      ? mode === 'hostile'
        ? fc.oneof({ arbitrary: value, weight: 10 }, { arbitrary: fc.constant(OMIT), weight: 1 })
        : value
      : fc.oneof({ arbitrary: value, weight: 2 }, fc.constant(OMIT), fc.constant(null))
    return present.map((v) => [field.name, v] as const)
  })
  const none = fc.constant<Array<readonly [string, unknown]>>([])
  const extra =
    mode === 'hostile'
      ? fc.oneof(
          { arbitrary: none, weight: 3 },
          {
            arbitrary: fc
              .tuple(fc.constantFrom('unexpected', '__proto__', 'constructor', 'id'), wrongType)
              .map((e) => [e]),
            weight: 1,
          },
        )
      : none
  return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) =>
    // JSON.parse makes `__proto__` an own key, as a hostile client's body would have it.
    JSON.parse(JSON.stringify(Object.fromEntries([...pairs, ...more].filter(([, v]) => v !== OMIT)))),
  )
}

function inputObject(type: import('graphql').GraphQLInputObjectType, pools: Pools, mode: Mode) {
  return fieldsOf(Object.values(type.getFields()), pools, mode)
}

/** Values for a document's variables: shaped three times in five, else hostile. */
export function variablesFor(
  variables: DocumentVariable[],
  pools: Pools,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = variables.map((v) => ({ name: v.name, type: v.type, hint: v.argument }))
  return fc.oneof(
    { arbitrary: fieldsOf(fields, pools, 'shaped'), weight: 3 },
    { arbitrary: fieldsOf(fields, pools, 'hostile'), weight: 2 },
  )
}
