/** The renderer process's entry (src/renderer.ts forks it for each production build). */
import { runRenderer } from "./render-site.ts";

runRenderer();
