/**
 * Colours: the Okabe–Ito palette (M. Okabe and K. Ito, "Color Universal
 * Design", 2008), distinguishable with the common colour-vision
 * deficiencies. Each outcome keeps its colour in every chart: successes
 * green, throttling orange shades, client errors yellow, server errors
 * vermilion and purple, time-outs and give-ups grey and black.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermilion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

/** A series colour in the order of the palette, for lines that are not outcomes. */
export const SERIES = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.vermilion, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.yellow, OKABE_ITO.black] as const;

/** The colour of an attempt outcome label (`2xx`, `429 stage`, `503`, `timeout`...). */
export function outcomeColor(label: string): string {
  if (label.startsWith('2')) return OKABE_ITO.bluishGreen;
  if (label.startsWith('429')) return label.includes('account') ? '#B07A00' : OKABE_ITO.orange;
  if (label.startsWith('4')) return OKABE_ITO.yellow;
  if (label === '500') return OKABE_ITO.vermilion;
  if (label === '502') return OKABE_ITO.reddishPurple;
  if (label === '503') return '#8E3B00';
  if (label === '504') return '#7A4A73';
  if (label.startsWith('5')) return '#A33F00';
  if (label === 'timeout') return OKABE_ITO.grey;
  return OKABE_ITO.black;
}

/** `#RRGGBB` with an alpha, for fills. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0');
  return `${hex}${a}`;
}
