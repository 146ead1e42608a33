import escapeHtml from 'escape-html';

/** A page of the tool, small enough to read in a platform's iframe; it runs no script but a form's submit. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body>${body}</body></html>`;
}

export interface TrackChoice {
  trackId: string;
  title: string;
}

/** The instructor's pick: one button per published track, each posting the request's selection secret. */
export function trackPickerPage(action: string, selection: string, tracks: TrackChoice[]): string {
  const choices = tracks
    .map(
      (track) => `<li><form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="selection" value="${escapeHtml(selection)}">
<input type="hidden" name="track_id" value="${escapeHtml(track.trackId)}">
<button type="submit">${escapeHtml(track.title)}</button></form></li>`,
    )
    .join('\n');
  const body = tracks.length
    ? `<h1>Link a Tend track</h1><ul>${choices}</ul>`
    : '<h1>Link a Tend track</h1><p>Your organization has no published track yet.</p>';
  return page('Link a Tend track', body);
}

/** Posts the signed response back to the platform from the instructor's browser (Deep Linking 2.0 §4.2). */
export function autoSubmittingFormPage(action: string, jwt: string): string {
  return page(
    'Back to your course',
    `<form id="return" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<noscript><button type="submit">Back to your course</button></noscript></form>
<script>document.getElementById('return').submit();</script>`,
  );
}
