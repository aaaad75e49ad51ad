/**
 * A strict well-formedness check for feeds and sitemaps. saxes (the XML parser jsdom uses)
 * follows the XML and namespace specifications: an unescaped `&`, a bad tag or an undeclared
 * prefix is an error, where lenient parsers let them through.
 */
import { SaxesParser } from "saxes";

/** Throws an error naming `what` and the first problem when `xml` is not well-formed. */
export function assertWellFormedXml(xml: string, what: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let problem: Error | undefined;
  parser.on("error", (error) => {
    problem ??= error;
  });
  parser.write(xml).close();
  if (problem)
    throw new Error(`${what} is not well-formed XML: ${problem.message}`, { cause: problem });
}
