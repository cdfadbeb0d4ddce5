/** Users, roles and the memberships that decide what a user may read. */
import { randomUUID } from 'node:crypto'
import { isRole, type AccessSubject, type Me, type Membership, type Role } from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'
import { hashPassword } from './password.ts'

export interface UserRecord {
  id: string
  username: string
  name: string
  passwordHash: string
  personId: string | null
  departmentId: string | null
  disabled: boolean
}

export type MembershipView = Membership
export type { Me }

interface UserRow {
  id: string
  username: string
  name: string
  password_hash: string
  person_id: string | null
  department_id: string | null
  disabled: number
}

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  passwordHash: r.password_hash,
  personId: r.person_id,
  departmentId: r.department_id,
  disabled: r.disabled === 1,
})

export class UserStore {
  constructor(private readonly db: RelayDatabase) {}

  async create(input: {
    id?: string
    username: string
    name: string
    password: string
    roles: Role[]
    personId?: string
    /** administrative department (departments table) */
    departmentId?: string
  }): Promise<UserRecord> {
    const username = input.username.trim()
    if (!/^[A-Za-z0-9._-]{2,64}$/.test(username)) throw new Error(`invalid username "${input.username}"`)
    if (input.password.length < 10) throw new Error('password must have at least 10 characters')
    const id = input.id ?? randomUUID().replaceAll('-', '').slice(0, 16)
    const passwordHash = await hashPassword(input.password)
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO users (id, username, name, password_hash, person_id, department_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, username, input.name, passwordHash, input.personId ?? null, input.departmentId ?? null, new Date().toISOString())
      const addRole = this.db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)')
      for (const role of new Set(input.roles)) addRole.run(id, role)
    })()
    return this.byId(id)!
  }

  byUsername(username: string): UserRecord | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
    return row && toRecord(row)
  }

  byId(id: string): UserRecord | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    return row && toRecord(row)
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n
  }

  allIds(): string[] {
    return (this.db.prepare('SELECT id FROM users').all() as { id: string }[]).map((r) => r.id)
  }

  roles(userId: string): Role[] {
    return (this.db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').all(userId) as { role: string }[])
      .map((r) => r.role)
      .filter(isRole)
  }

  memberships(userId: string): MembershipView[] {
    const rows = this.db
      .prepare(
        `SELECT m.organization_id, o.name AS organization_name, o.organization_type, m.role, m.voting_right, m.start_date, m.end_date
         FROM users u JOIN memberships m ON m.person_id = u.person_id JOIN organizations o ON o.id = m.organization_id
         WHERE u.id = ? ORDER BY o.organization_type DESC, o.name`,
      )
      .all(userId) as {
      organization_id: string
      organization_name: string
      organization_type: 'Gremium' | 'Fraktion'
      role: string
      voting_right: number
      start_date: string | null
      end_date: string | null
    }[]
    return rows.map((r) => ({
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      organizationType: r.organization_type,
      role: r.role,
      votingRight: r.voting_right === 1,
      startDate: r.start_date,
      endDate: r.end_date,
    }))
  }

  department(departmentId: string | null): { id: string; name: string } | undefined {
    if (!departmentId) return undefined
    return this.db.prepare('SELECT id, name FROM departments WHERE id = ?').get(departmentId) as { id: string; name: string } | undefined
  }

  subject(userId: string): AccessSubject {
    return {
      userId,
      departmentId: this.byId(userId)?.departmentId ?? null,
      roles: this.roles(userId),
      memberships: this.memberships(userId).map((m) => ({
        organizationId: m.organizationId,
        startDate: m.startDate,
        endDate: m.endDate,
      })),
    }
  }

  me(userId: string): Me | undefined {
    const user = this.byId(userId)
    if (!user) return undefined
    const department = this.department(user.departmentId)
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      roles: this.roles(userId),
      memberships: this.memberships(userId),
      departmentId: department?.id ?? null,
      departmentName: department?.name ?? null,
    }
  }
}
