/**
 * The collector's privacy policy (extension/PRIVACY.md), written from the very rules the code
 * applies — the URL whitelist, the viewer and session keys, the page scopes, the personal paths —
 * so that the policy cannot say one thing while the code does another. `npm run build:extension`
 * rewrites the file and ships it in both packages; test/extension-build.test.ts fails when the
 * committed copy is stale.
 */
import {
  KEPT_QUERY_PARAMS,
  SESSION_KEYS,
  SESSION_PARAMS,
  VIEWER_KEYS,
} from '../src/contract/capture-privacy.js'
import { PAGE_SCOPES, PERSONAL_PATH } from '../src/contract/capture-routes.js'

const code = (values: Iterable<string>) => [...values].map((v) => `\`${v}\``).join(', ')

/** PRIVACY.md's text. */
export function privacyPolicy(): string {
  const sessionOnlyParams = SESSION_PARAMS.filter((p) => !SESSION_KEYS.has(p))
  return `# Toklytics collector — privacy policy

<!-- Written by extension/privacy-policy.ts from the rules the code applies; do not edit by hand. -->

The Toklytics collector is a browser extension for Chrome and Firefox. It sends TikTok content your
browser already receives on www.tiktok.com to **a Toklytics server you choose** (the server URL in
its options). It sends nothing to the Toklytics project, to its authors or to anyone else, and it
has no analytics, advertising or remote code.

## What it reads

- The JSON answers that TikTok's web app receives on \`https://www.tiktok.com/*\`, and the page's
  embedded JSON when a page is first loaded. Only answers whose body has a content shape the server
  understands (lists of videos, a profile, a hashtag, a sound, search results) are kept; all others
  are only counted, by path, in the popup ("seen, not collected").
- Of the embedded page JSON, only these content scopes: ${code(Object.values(PAGE_SCOPES))}.
- Never: cookies, request headers (where TikTok's tokens travel), what you type, or any answer whose path is about
  you as the person browsing (account, messages, inbox, notifications, settings, friends, who you
  follow). Such paths are not examined at all; the rule is \`PERSONAL_PATH\` in
  \`src/contract/capture-routes.ts\`:

  \`\`\`
  ${PERSONAL_PATH.source}
  \`\`\`

## What leaves the page, and where it goes

For each kept answer, the extension sends to your server:

1. **The request URL, cut to a whitelist** of parameters that say what was asked for and whose
   content it is. Every other parameter (request signatures, tokens, device ids…) is removed before
   the answer leaves the page. Kept: ${code(KEPT_QUERY_PARAMS)}.
2. **The answer's body**, with every key below removed at any depth and in any spelling (case, \`_\`
   and \`-\` ignored):
   - keys that depend on who is browsing (whether you liked, saved or follow something, and the
     page's viewer and login scopes): ${code(VIEWER_KEYS)};
   - keys that hold the session or device: ${code(SESSION_KEYS)};
   - inside any text value (a share link, a copied URL), the session keys above and
     ${code(sessionOnlyParams)} are cut out as URL or cookie parameters.
3. **When** it was received (a timestamp), and the collector's name and version.

Uploads carry your contributor token (to authorise them at your server) and go, gzip-compressed,
only to the server URL you set. The server applies the same whitelist and removals again before it
stores anything.

## What it keeps in your browser

In the extension's own storage (\`chrome.storage.local\`), never synchronised to other devices:
the server URL and contributor token; the captures waiting to be sent (removed as soon as your
server answers for them); today's counts (captured, sent, seen-not-collected, by kind and path);
and the last few captures' URLs and kinds for the popup. Uninstalling the extension deletes all of
it.

## Permissions

\`storage\` and \`unlimitedStorage\` (the queue survives a server outage), \`alarms\` (to retry
uploads after the browser stops the background script), and content scripts on
\`https://www.tiktok.com/*\` only. It asks for no host permission: your server must accept the
extension's origin (Toklytics does by default).

## Contact

Questions and reports: the issue tracker of the repository you installed it from.
`
}
