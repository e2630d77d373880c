/** The repository's scenarios/ folder, bundled as text by Vite: every scenario and lesson the CLI ships, by its path from the root. */
import { libraryFiles, lessonEntries } from './core/scenario-library.js';

const raw = import.meta.glob('../../scenarios/**/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const LIBRARY: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.replace(/^(\.\.\/)+/, ''), text]));
export const LESSONS = lessonEntries(LIBRARY);
export const FILES = libraryFiles(LIBRARY);
