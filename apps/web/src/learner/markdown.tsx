import { micromark } from 'micromark';

/**
 * A lesson's Markdown as HTML. micromark is safe by default: raw HTML in the body is shown as text
 * and `javascript:` links lose their href, so an author's text cannot run script here; the
 * Content-Security-Policy is the second wall (docs/ARCHITECTURE.md, "The web app").
 */
export function Markdown({ source }: { source: string }) {
  return <div class="markdown" dangerouslySetInnerHTML={{ __html: micromark(source) }} />;
}
