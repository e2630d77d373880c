/** The problems a scenario text is refused with; throws if it is accepted (or fails otherwise). */
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/scenario-error.js';

export function problemsOf(text: string): ScenarioProblem[] {
  try {
    parseScenario(text, 'f.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected a ScenarioError: the file was accepted');
}
