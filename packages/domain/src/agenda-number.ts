/** Agenda numbering: public items "Ö 1, Ö 2 …", non-public items "N 1, N 2 …"; sub-items "Ö 1.1". */
export function agendaNumber(isPublic: boolean, position: number, subPosition?: number): string {
  const base = `${isPublic ? 'Ö' : 'N'} ${position}`
  return subPosition === undefined ? base : `${base}.${subPosition}`
}
