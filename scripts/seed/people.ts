import type { Random } from './random.ts'

/**
 * Where a remote program's people live, weighted roughly like an open-source mentoring cohort:
 * many in South Asia, Europe and the Americas, and the zones that break naive arithmetic
 * (45-minute and half-hour offsets, Lord Howe's half-hour DST, +14 and -11) on purpose.
 */
const ZONES: ReadonlyArray<readonly [string, number]> = [
  ['Asia/Kolkata', 14],
  ['Asia/Kathmandu', 3],
  ['Asia/Dhaka', 3],
  ['Asia/Karachi', 3],
  ['Asia/Colombo', 2],
  ['Asia/Singapore', 3],
  ['Asia/Manila', 3],
  ['Asia/Jakarta', 3],
  ['Asia/Tokyo', 2],
  ['Asia/Shanghai', 3],
  ['Asia/Tehran', 1],
  ['Asia/Dubai', 2],
  ['Europe/London', 5],
  ['Europe/Lisbon', 3],
  ['Europe/Berlin', 5],
  ['Europe/Paris', 3],
  ['Europe/Warsaw', 3],
  ['Europe/Kyiv', 3],
  ['Europe/Istanbul', 2],
  ['Africa/Lagos', 4],
  ['Africa/Nairobi', 3],
  ['Africa/Cairo', 2],
  ['Africa/Johannesburg', 2],
  ['America/New_York', 6],
  ['America/Chicago', 3],
  ['America/Denver', 1],
  ['America/Los_Angeles', 5],
  ['America/St_Johns', 1],
  ['America/Mexico_City', 2],
  ['America/Bogota', 2],
  ['America/Lima', 1],
  ['America/Sao_Paulo', 4],
  ['America/Argentina/Buenos_Aires', 2],
  ['America/Havana', 1],
  ['Australia/Sydney', 2],
  ['Australia/Adelaide', 1],
  ['Australia/Lord_Howe', 1],
  ['Pacific/Auckland', 1],
  ['Pacific/Chatham', 1],
  ['Pacific/Kiritimati', 1],
  ['Pacific/Pago_Pago', 1],
  ['UTC', 1],
]

const FIRST = [
  'Aarav',
  'Aisha',
  'Akosua',
  'Alejandro',
  'Amara',
  'Ananya',
  'Andrei',
  'Ayumi',
  'Bilal',
  'Bruna',
  'Camila',
  'Chen',
  'Chidi',
  'Dara',
  'Dmytro',
  'Elif',
  'Emeka',
  'Farah',
  'Fatima',
  'Gabriel',
  'Hana',
  'Hiroshi',
  'Ifeoma',
  'Inês',
  'Ishaan',
  'Jonas',
  'Juliana',
  'Kavya',
  'Kenji',
  'Kofi',
  'Lachlan',
  'Laila',
  'Lucía',
  'Maya',
  'Mateo',
  'Mei',
  'Mohammed',
  'Nadia',
  'Nikhil',
  'Noa',
  'Olamide',
  'Oskar',
  'Priya',
  'Rahul',
  'Rosa',
  'Sakura',
  'Santiago',
  'Sara',
  'Siobhan',
  'Sipho',
  'Tariq',
  'Thandiwe',
  'Tunde',
  'Valentina',
  'Vikram',
  'Wanjiru',
  'Xin',
  'Yara',
  'Yusuf',
  'Zeynep',
]
const LAST = [
  'Abubakar',
  'Adeyemi',
  'Alves',
  'Bakare',
  'Banerjee',
  'Chaudhry',
  'Costa',
  'Da Silva',
  'Dlamini',
  'Eze',
  'Fernández',
  'García',
  'Haddad',
  'Hoang',
  'Iyer',
  'Jovanović',
  'Kamau',
  'Kim',
  'Kowalski',
  'Kumar',
  'Lindqvist',
  'Mensah',
  'Morales',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Oliveira',
  'Osei',
  'Patel',
  'Price',
  'Raman',
  'Reyes',
  'Rocha',
  'Sato',
  'Schmidt',
  'Shrestha',
  'Singh',
  'Tanaka',
  'Walsh',
  'Weber',
  'Yılmaz',
  'Zhang',
]

export interface SeedPerson {
  email: string
  name: string
  timeZone: string
  workingHours?: Array<{ day: number; start: string; end: string }>
}

/** Deterministic people: the index makes the email unique, the PRNG picks the rest. */
export function makePerson(random: Random, role: 'mentor' | 'mentee', index: number): SeedPerson {
  const first = random.pick(FIRST)
  const last = random.pick(LAST)
  const timeZone = random.weighted(ZONES)
  const slug = `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '')
  const person: SeedPerson = {
    email: `${slug}.${role}${index}@seed.trellis.test`,
    name: `${first} ${last}`,
    timeZone,
  }
  const hours = role === 'mentor' ? mentorHours(random) : null
  return hours ? { ...person, workingHours: hours } : person
}

/** Most mentors keep office hours (the default); some mentor part-time, some split their day. */
function mentorHours(random: Random) {
  const shape = random.weighted([
    ['default', 6],
    ['part-time', 2],
    ['split', 1],
    ['late', 1],
  ] as const)
  const days = [1, 2, 3, 4, 5]
  switch (shape) {
    case 'default':
      return null
    case 'part-time':
      return [1, 3, 5].map((day) => ({ day, start: '13:00', end: '18:00' }))
    case 'split':
      return days.flatMap((day) => [
        { day, start: '08:00', end: '12:00' },
        { day, start: '16:00', end: '19:30' },
      ])
    case 'late':
      return days.map((day) => ({ day, start: '11:00', end: '20:00' }))
  }
}
