// The heading of a reference page: Redocly shows `info.title (info.version)`, and the slices' title already
// names the API version ("Nextcloud Talk API (API v4)"), which read "Nextcloud Talk API (API v4) (19.0.0)".

/**
 * Copy of a slice whose heading reads "Nextcloud Talk API v4 (contract 19.0.0)".
 *
 * @example
 * referenceTitle({ info: { title: 'Nextcloud Talk API (API v4)', version: '19.0.0' } }, 'v4').info;
 * // { title: 'Nextcloud Talk API v4', version: 'contract 19.0.0' }
 */
export function referenceTitle(doc, version) {
  const title = String(doc.info?.title ?? 'Nextcloud Talk API').replace(/\s*\(API v\d+\)\s*$/, '');
  return { ...doc, info: { ...doc.info, title: `${title} ${version}`, version: `contract ${doc.info?.version ?? ''}`.trim() } };
}
