export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** Roles are ordered: an owner may do what an editor may, an editor what a viewer may. */
export function roleAllows(role: string, needed: Role): boolean {
  return (roles as readonly string[]).includes(role) && rank[role as Role] >= rank[needed];
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
