/**
 * How the annotation colours look: a light fill for highlights (text stays readable through it)
 * and a dark line colour for underlines, ink and outlines (at least 3:1 against a white page).
 */
import type { AnnotationColor } from '@ratstisch/domain'

export const MARK_FILL: Record<AnnotationColor, string> = {
  yellow: '#ffe14d',
  green: '#8fe39f',
  blue: '#8ccdff',
  pink: '#ffa8d2',
  orange: '#ffbe70',
}

export const MARK_LINE: Record<AnnotationColor, string> = {
  yellow: '#8a6d00',
  green: '#1e6b34',
  blue: '#0b4f8a',
  pink: '#a3245e',
  orange: '#a34a00',
}
