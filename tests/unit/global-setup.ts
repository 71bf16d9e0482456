// Runs once before the unit suites: the few that must run the built package get a fresh `dist/`.
import { ensureFreshDist } from "../../scripts/lib/dist";

export default function globalSetup(): void {
  ensureFreshDist();
}
